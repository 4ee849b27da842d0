package org.lorasim.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.FlexLoraState;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.random.RngStreams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One FlexLoRA round for one d x d matrix: aggregation of 20 clients whose ranks are drawn from
 * {4, 8, 16, 32} (fixed seed, the same ranks for every d), SVD, and redistribution to each client's
 * rank. {@code route} compares the factored SVD (QR of the stacked factors, never forming d x d) with the
 * full SVD of the formed d x d product, which is what the reference code does.
 *
 * <p>At the end of each trial the last result is compared with the factored route's result computed in
 * setup (singular values and the rank-32 cut, relative Frobenius error); the trial fails above 1e-5.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FlexLoraBenchmark {
    static final int CLIENTS = 20;
    static final int[] RANK_CHOICES = {4, 8, 16, 32};
    static final String MATRIX = "w";

    @Param({"384", "1024", "4096"})
    int d;

    @Param({"FACTORED", "FULL"})
    SvdRoute route;

    private List<WeightedAdapter> updates;
    private int[] clientRanks;
    private FlexLora flexLora;
    private FlexLoraState reference;
    private FlexLoraState last;

    @Setup(Level.Trial)
    public void setUp() {
        RngStreams streams = new RngStreams(20240217L);
        RandomGenerator rankRng = streams.stream("flexlora-benchmark-ranks");
        clientRanks = new int[CLIENTS];
        for (int k = 0; k < CLIENTS; k++) {
            clientRanks[k] = RANK_CHOICES[rankRng.nextInt(RANK_CHOICES.length)];
        }
        updates = new ArrayList<>();
        for (int k = 0; k < CLIENTS; k++) {
            RandomGenerator rng = streams.stream("flexlora-benchmark-client", k, d);
            int r = clientRanks[k];
            float[] a = new float[r * d];
            float[] b = new float[d * r];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) (rng.nextGaussian() / Math.sqrt(d));
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) (0.01 * rng.nextGaussian());
            }
            LoraFactors f = new LoraFactors(r, d, d, a, b, 16.0, LoraScaling.STANDARD);
            updates.add(new WeightedAdapter(Adapter.ofLora(Map.of(MATRIX, f)), 10 + rng.nextInt(991)));
        }
        flexLora = new FlexLora(route);
        reference = new FlexLora(SvdRoute.FACTORED).aggregateState(updates);
        int total = 0;
        for (int r : clientRanks) {
            total += r;
        }
        System.out.println("client ranks " + java.util.Arrays.toString(clientRanks) + ", R = " + total);
    }

    @Benchmark
    public Adapter[] aggregateAndRedistribute() {
        FlexLoraState state = flexLora.aggregateState(updates);
        Adapter[] out = new Adapter[CLIENTS];
        for (int k = 0; k < CLIENTS; k++) {
            out[k] = state.forRanks(Map.of(MATRIX, clientRanks[k]));
        }
        last = state;
        return out;
    }

    @TearDown(Level.Trial)
    public void checkAgainstFactored() {
        double[] s = last.singularValues(MATRIX);
        double[] ref = reference.singularValues(MATRIX);
        double worstSigma = 0;
        for (int j = 0; j < ref.length; j++) {
            worstSigma = Math.max(worstSigma, Math.abs(s[j] - ref[j]) / ref[0]);
        }
        int top = reference.keptRank(MATRIX);
        double[] p = last.product(MATRIX, top);
        double[] q = reference.product(MATRIX, top);
        double num = 0;
        double den = 0;
        for (int i = 0; i < q.length; i++) {
            num += (p[i] - q[i]) * (p[i] - q[i]);
            den += q[i] * q[i];
        }
        double relative = Math.sqrt(num / den);
        System.out.printf("%n%s vs FACTORED at d=%d: max |sigma diff| / sigma_1 = %.2e, rank-%d cut relative error = %.2e%n",
                route, d, worstSigma, top, relative);
        if (!(worstSigma <= 1e-5 && relative <= 1e-5)) {
            throw new IllegalStateException("routes disagree at d=" + d + ": " + worstSigma + ", " + relative);
        }
    }
}
