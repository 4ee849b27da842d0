package org.lorasim.actors.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Function;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.run.ModelEvaluator;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterDigest;
import org.lorasim.policies.gossip.Consensus;

/**
 * The observer side of a gossip run (Dec-LoRA, Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361): turns the
 * nodes' {@link GossipNode.Event}s and the links' {@link LinkActor.MessageSent}s into one {@link RoundRecord}
 * per gossip iteration. A plain, single-threaded class; its owner (an observer actor, or a test after the run)
 * feeds it.
 *
 * <p>Round {@code t} is made of the nodes that reported iteration {@code t} (its participants), in id order:
 * <ul>
 *   <li>{@code simTimeNanos} {@code T_t}: the latest of their report times;</li>
 *   <li>{@code consensusDistance}: {@link Consensus#distance} of their adapters; {@code trainLoss} the mean of
 *       their finite losses (NaN if none);</li>
 *   <li>{@code accuracy} / {@code accuracySpread}: mean and population standard deviation of the injected
 *       held-out accuracy of each participant's adapter (Dec-LoRA reports the average adapter's score; the
 *       spread shows the disagreement), {@code macroF1} the mean of their macro-F1; NaN when no quality
 *       function is given;</li>
 *   <li>{@code averageModelAccuracy}: the held-out accuracy of {@code theta_bar = (1/m) sum_i theta_i} over the
 *       round's {@code m} participants ({@link Consensus#mean}, uniform weights, every live node counted once): each
 *       LoRA factor is averaged on its own, {@code A_bar = mean A_i} and {@code B_bar = mean B_i}, as Dec-LoRA's
 *       mixing does (not the mean of the products {@code B_i A_i}), and so is every dense tensor (the classifier
 *       head); the LoRA metadata is the first participant's. This is one extra evaluation a round. The paper's
 *       exact evaluation is known only from secondary sources (the average of the clients' adapters, best
 *       score over rounds), so that it is this model is unverified. NaN when no quality function is given and
 *       when the participants' own accuracies are NaN (a decoder, which reports perplexity only: its average is
 *       not evaluated, to spare a second held-out perplexity pass a round). The quality function is a pure
 *       function of the adapter, so the figure draws on no random stream of the run;</li>
 *   <li>{@code checksum}: hex SHA-256 of their flat float arrays (IEEE bits, big-endian) in id order;</li>
 *   <li>{@code bytesUp}: bytes of the gossip messages of iteration {@code t} ({@link LinkActor.MessageSent#round()})
 *       that were sent: those the links delivered and those lost at random on the way (they were transmitted,
 *       as in a centralized run); those a down or partitioned link refused were never sent and do not count.
 *       Nodes drift apart in time, so a message is booked by the iteration that sent it, never by the time
 *       window it fell into. In a peer-to-peer network every byte sent is a byte received, so
 *       {@code bytesDown = bytesUp}; {@code parameters}: those messages times the adapter's parameter count;</li>
 *   <li>{@code sampled} = all nodes, {@code participants} = reporters, {@code failures} = the others,
 *       {@code stragglers} = 0 (a synchronous node that misses a neighbour uses its timeout and still reports).</li>
 * </ul>
 *
 * <p>When a round is complete. Node {@code n} is accounted for in round {@code t} when it reported {@code t} or a
 * later iteration, or when it crashed during {@code t} or during an iteration it then skipped ({@link
 * GossipNode.Crashed#iteration()} {@code <= t <} {@link GossipNode.Recovered#resumeIteration()}): a node never
 * reports an iteration again after passing it. A node that is still crashed holds back the rounds after its
 * crash iteration until it recovers or the run ends ({@link #finish()}); the content of a round depends only
 * on the set of reports, never on the order in which events reached this object. {@link #closeUpTo(long)}
 * emits complete rounds whose {@code T_t} is before {@code time}: call it on {@link
 * org.lorasim.actors.clock.Clock.TimeAdvanced} so the link events up to {@code T_t} are in.
 */
public final class GossipRounds {
    private final int nodes;
    private final Function<Adapter, ModelEvaluator.Quality> quality;
    private final boolean synthetic;
    private final LongSupplier wallMillis;
    private final TreeMap<Integer, TreeMap<Integer, GossipNode.IterationFinished>> reports = new TreeMap<>();
    private final TreeMap<Integer, Integer> highestReported = new TreeMap<>();
    private final TreeMap<Integer, List<int[]>> skipped = new TreeMap<>();
    private final TreeMap<Integer, Integer> crashedAt = new TreeMap<>();
    private final TreeMap<Integer, long[]> sent = new TreeMap<>();
    private final List<RoundRecord> emitted = new ArrayList<>();
    private int nextRound;

    /**
     * @param nodes      the number of nodes
     * @param quality    held-out quality of one adapter, or {@code null} for none
     * @param synthetic  whether the run is system-only
     * @param wallMillis wall milliseconds since the run started, read when a round is emitted
     */
    public GossipRounds(int nodes, Function<Adapter, ModelEvaluator.Quality> quality, boolean synthetic,
                        LongSupplier wallMillis) {
        this.nodes = Checks.positive("nodes", nodes);
        this.quality = quality;
        this.synthetic = synthetic;
        this.wallMillis = Objects.requireNonNull(wallMillis, "wallMillis");
    }

    public void onNodeEvent(GossipNode.Event event) {
        if (event instanceof GossipNode.IterationFinished f) {
            reports.computeIfAbsent(f.iteration(), k -> new TreeMap<>()).put(f.node(), f);
            highestReported.merge(f.node(), f.iteration(), Math::max);
        } else if (event instanceof GossipNode.Crashed c) {
            crashedAt.put(c.node(), c.iteration());
        } else if (event instanceof GossipNode.Recovered r) {
            Integer c = crashedAt.remove(r.node());
            if (c != null) {
                skipped.computeIfAbsent(r.node(), k -> new ArrayList<>()).add(new int[] {c, r.resumeIteration()});
            }
        }
    }

    /**
     * Node {@code node} is gone for good (its cluster node was lost, taking the node's actor with it): like a node
     * that crashed in the iteration after the last one it reported and never recovers, except that it holds back
     * no round; every later round is made of the others.
     */
    public void lost(int node) {
        skipped.computeIfAbsent(node, k -> new ArrayList<>())
                .add(new int[] {highestReported.getOrDefault(node, -1) + 1, Integer.MAX_VALUE});
    }

    /**
     * Counts the gossip messages sent ({@link LinkActor.MessageSent}, and {@link LinkActor.MessageLost} lost at
     * random) by their iteration; other link events are ignored.
     */
    public void onLinkEvent(LinkActor.Event event) {
        if (event instanceof LinkActor.MessageSent m && isGossip(m.payloadType())) {
            count(m.round(), m.bytes());
        } else if (event instanceof LinkActor.MessageLost m && isGossip(m.payloadType())
                && m.reason() == LinkModel.LossReason.RANDOM_LOSS) {
            count(m.round(), m.bytes());
        }
    }

    private static boolean isGossip(String payloadType) {
        return payloadType.equals(GossipNode.NeighbourAdapter.class.getName());
    }

    private void count(int iteration, long bytes) {
        long[] total = sent.computeIfAbsent(iteration, k -> new long[2]);
        total[0] += bytes;
        total[1]++;
    }

    /** Emits, in order, the complete rounds that finished before {@code time}. */
    public List<RoundRecord> closeUpTo(long time) {
        List<RoundRecord> out = new ArrayList<>();
        while (reports.containsKey(nextRound) && complete(nextRound) && end(nextRound) < time) {
            out.add(emit(nextRound));
        }
        return out;
    }

    /** The run is over: emits every round with reports not emitted yet, whoever reported. */
    public List<RoundRecord> finish() {
        List<RoundRecord> out = new ArrayList<>();
        while (!reports.isEmpty() && nextRound <= reports.lastKey()) {
            if (reports.containsKey(nextRound)) {
                out.add(emit(nextRound));
            } else {
                nextRound++;
            }
        }
        return out;
    }

    /**
     * The adapters that round {@code t}'s participants reported, by node id: the models whose quality the
     * round's record averages; empty for a round nobody reported.
     */
    public java.util.SortedMap<Integer, Adapter> adapters(int t) {
        java.util.SortedMap<Integer, Adapter> out = new TreeMap<>();
        reports.getOrDefault(t, new TreeMap<>()).forEach((node, f) -> out.put(node, f.adapter()));
        return out;
    }

    /** Every round emitted so far. */
    public List<RoundRecord> records() {
        return List.copyOf(emitted);
    }

    private boolean complete(int t) {
        for (int n = 0; n < nodes; n++) {
            if (!accountedFor(n, t)) {
                return false;
            }
        }
        return true;
    }

    private boolean accountedFor(int n, int t) {
        if (highestReported.getOrDefault(n, -1) >= t) {
            return true;
        }
        Integer c = crashedAt.get(n);
        if (c != null && c == t) {
            return true;
        }
        for (int[] gap : skipped.getOrDefault(n, List.of())) {
            if (gap[0] <= t && t < gap[1]) {
                return true;
            }
        }
        return false;
    }

    private long end(int t) {
        long end = 0;
        for (GossipNode.IterationFinished f : reports.get(t).values()) {
            end = Math.max(end, f.time());
        }
        return end;
    }

    private RoundRecord emit(int t) {
        TreeMap<Integer, GossipNode.IterationFinished> round = reports.get(t);
        long end = end(t);
        List<Adapter> adapters = new ArrayList<>();
        double lossSum = 0;
        int losses = 0;
        for (GossipNode.IterationFinished f : round.values()) {
            adapters.add(f.adapter());
            if (Double.isFinite(f.trainLoss())) {
                lossSum += f.trainLoss();
                losses++;
            }
        }
        double acc = Double.NaN;
        double spread = Double.NaN;
        double macroF1 = Double.NaN;
        double perplexity = Double.NaN;
        double averageAccuracy = Double.NaN;
        if (quality != null) {
            List<ModelEvaluator.Quality> scores = adapters.stream().map(quality).toList();
            double[] values = scores.stream().mapToDouble(ModelEvaluator.Quality::accuracy).toArray();
            double mean = 0;
            macroF1 = 0;
            perplexity = 0;
            for (int i = 0; i < values.length; i++) {
                mean += values[i] / values.length;
                macroF1 += scores.get(i).macroF1() / values.length;
                perplexity += scores.get(i).perplexity() / values.length;
            }
            double var = 0;
            for (double v : values) {
                var += (v - mean) * (v - mean) / values.length;
            }
            acc = mean;
            spread = Math.sqrt(var);
            if (!Double.isNaN(mean)) {
                averageAccuracy = quality.apply(Consensus.mean(adapters)).accuracy();
            }
        }
        long[] traffic = sent.getOrDefault(t, new long[2]);
        long bytes = traffic[0];
        long messages = traffic[1];
        int failures = nodes - round.size();
        RoundRecord record = new RoundRecord(t, end, wallMillis.getAsLong(), losses == 0 ? Double.NaN : lossSum / losses,
                acc, spread, macroF1, perplexity, bytes, bytes, messages * adapters.get(0).parameterCount(), nodes, round.size(), 0,
                failures, Consensus.distance(adapters), AdapterDigest.of(adapters), synthetic, averageAccuracy);
        emitted.add(record);
        nextRound = t + 1;
        return record;
    }

}
