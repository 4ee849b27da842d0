package org.lorasim.actors.profile;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.random.RngStreams;

/**
 * A two-state (on/off) Markov chain per client over steps: at each step an on client turns off with
 * probability {@code pOnToOff} and an off client turns on with probability {@code pOffToOn}. The
 * stationary fraction of time on is {@code pOffToOn / (pOnToOff + pOffToOn)}.
 *
 * <p>A step is a round ({@code stepNanos == 0}) or a slice of {@code stepNanos} of simulated time (step
 * {@code k} covers {@code [k·stepNanos, (k+1)·stepNanos)}). Step 0 is the start state: {@link Start#ON},
 * {@link Start#OFF}, or {@link Start#STATIONARY} (on with the stationary probability). The coin of client
 * {@code c} at step {@code k >= 1} is {@code RngStreams(seed).stream("availability-markov", c, k)}, the
 * start coin that of step 0, so a client's path depends only on (seed, client). Paths are computed
 * forward once and kept (one bit per step and client), so any query order gives the same answers.
 */
public final class OnOffMarkov implements Availability {

    /** The state of step 0. */
    public enum Start {
        ON, OFF, STATIONARY
    }

    private final double pOnToOff;
    private final double pOffToOn;
    private final Start start;
    private final long stepNanos;
    private final long seed;
    private final RngStreams streams;
    private final Map<Integer, Path> paths = new ConcurrentHashMap<>();

    public OnOffMarkov(double pOnToOff, double pOffToOn, Start start, long stepNanos, long seed) {
        this.pOnToOff = Checks.probability("pOnToOff", pOnToOff);
        this.pOffToOn = Checks.probability("pOffToOn", pOffToOn);
        Checks.require(start != null, "start must be ON, OFF or STATIONARY, got null");
        Checks.require(start != Start.STATIONARY || pOnToOff + pOffToOn > 0,
                "start STATIONARY needs pOnToOff + pOffToOn > 0, got both 0");
        Checks.require(stepNanos >= 0, "stepNanos must be >= 0 (0: one step per round), got " + stepNanos);
        this.start = start;
        this.stepNanos = stepNanos;
        this.seed = seed;
        this.streams = new RngStreams(seed);
    }

    /** The long-run fraction of steps on: {@code pOffToOn / (pOnToOff + pOffToOn)}. */
    public double stationaryOn() {
        return pOffToOn / (pOnToOff + pOffToOn);
    }

    public double pOnToOff() {
        return pOnToOff;
    }

    public double pOffToOn() {
        return pOffToOn;
    }

    public Start start() {
        return start;
    }

    /** Simulated nanoseconds per step, or 0 when a step is a round. */
    public long stepNanos() {
        return stepNanos;
    }

    public long seed() {
        return seed;
    }

    @Override
    public boolean availableAt(int clientId, int round, long simTimeNanos) {
        Checks.require(clientId >= 0, "clientId must be >= 0, got " + clientId);
        long step;
        if (stepNanos == 0) {
            Checks.require(round >= 0, "round must be >= 0, got " + round);
            step = round;
        } else {
            Checks.require(simTimeNanos >= 0, "simTimeNanos must be >= 0, got " + simTimeNanos);
            step = simTimeNanos / stepNanos;
        }
        Checks.require(step < Integer.MAX_VALUE, "step must be < 2^31 - 1, got " + step);
        return paths.computeIfAbsent(clientId, Path::new).onAt((int) step);
    }

    @Override
    public Availability withSeed(long newSeed) {
        return new OnOffMarkov(pOnToOff, pOffToOn, start, stepNanos, newSeed);
    }

    @Override
    public String toString() {
        return "OnOffMarkov[pOnToOff=" + pOnToOff + ", pOffToOn=" + pOffToOn + ", start=" + start
                + ", stepNanos=" + stepNanos + ", seed=" + seed + "]";
    }

    /** One client's states, computed forward as far as asked. */
    private final class Path {
        private final int clientId;
        private final BitSet on = new BitSet();
        private int computed;

        Path(int clientId) {
            this.clientId = clientId;
        }

        synchronized boolean onAt(int step) {
            if (computed == 0) {
                on.set(0, switch (start) {
                    case ON -> true;
                    case OFF -> false;
                    case STATIONARY -> coin(0) < stationaryOn();
                });
                computed = 1;
            }
            while (computed <= step) {
                boolean previous = on.get(computed - 1);
                double u = coin(computed);
                on.set(computed, previous ? u >= pOnToOff : u < pOffToOn);
                computed++;
            }
            return on.get(step);
        }

        private double coin(int step) {
            return streams.stream("availability-markov", clientId, step).nextDouble();
        }
    }
}
