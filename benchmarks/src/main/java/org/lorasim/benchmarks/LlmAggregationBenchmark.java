package org.lorasim.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.ejml.data.DMatrixRMaj;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.FlexLoraState;
import org.lorasim.policies.aggregation.HetLora;
import org.lorasim.policies.aggregation.ProductAverage;
import org.lorasim.policies.annealing.RankReduction;
import org.lorasim.policies.linalg.DenseKernel;
import org.lorasim.policies.linalg.LowRankSum;
import org.lorasim.policies.linalg.SvdRoute;
import org.lorasim.policies.linalg.TruncatedSvd;
import org.lorasim.policies.parallel.MatrixPool;
import org.lorasim.training.linalg.TorchDenseKernel;

/**
 * Issue 12, item 7: the server side at LLM size. Builds the seeded synthetic Llama-7B-shaped round of
 * {@link SyntheticLlamaAdapters} (32 layers x q, k, v, o, gate, up, down; 20 clients, ranks from
 * {4, 8, 16, 32, 64}) and runs, matrix by matrix on a {@link MatrixPool}, with nothing kept but a digest:
 * <ol>
 *   <li>generation alone (what every phase below pays to read the clients' factors);</li>
 *   <li>FlexLoRA ({@link FlexLora#aggregateEach}, route {@code route}, top max-rank triplets; {@code GRAM}'s
 *       dense products on {@code kernel=java} (pure Java) or {@code kernel=torch} (libtorch's BLAS; run it
 *       with {@code -Dai.djl.pytorch.num_threads=1} next to {@code threads=2} workers));</li>
 *   <li>HetLoRA ({@link HetLora#aggregateEach}, zero-padded sum at global rank 64);</li>
 *   <li>SA-FedLoRA's rank reduction ({@link RankReduction}) of a rank-64 global adapter to rank 32.</li>
 * </ol>
 * Each phase prints wall time, CPU time per thread (their sum over the wall time is the cores used), the
 * heap pools' summed peak usage (an upper bound: pools peak at different times; it includes garbage not
 * yet collected), collections and their time, and a digest of the results (the same for any thread
 * count). Then the reference route, the full SVD of the dense sum (FlexLoRA's released code), runs on a
 * subset ({@code reference=q}: layer 0's q_proj; {@code layer}: all seven of layer 0; {@code none}) next
 * to the GRAM and FACTORED routes on one thread; its time is EXTRAPOLATED to the whole set by the SVD's
 * cost {@code max(out, in) min(out, in)^2}, and the routes' agreement is printed as the largest
 * difference of singular values and of the rank-k products {@code U_k S_k V_k^T}, relative to sigma_1.
 *
 * <pre>
 *   java -Xmx2g -cp benchmarks/target/benchmarks.jar org.lorasim.benchmarks.LlmAggregationBenchmark \
 *       seed=0 layers=32 clients=20 threads=2 route=GRAM reference=q
 * </pre>
 */
public final class LlmAggregationBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private LlmAggregationBenchmark() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Map<String, String> a = CommandArgs.parse(args, Map.of("seed", "0", "layers", "32", "clients", "20",
                "threads", Integer.toString(Runtime.getRuntime().availableProcessors()), "route", "GRAM", "kernel", "java",
                "reference", "q", "hidden", "4096", "intermediate", "11008", "phases", "generate,flexlora,hetlora,safedlora"));
        SyntheticLlamaAdapters set = new SyntheticLlamaAdapters(Long.parseLong(a.get("seed")),
                Integer.parseInt(a.get("layers")), Integer.parseInt(a.get("clients")),
                Integer.parseInt(a.get("hidden")), Integer.parseInt(a.get("intermediate")));
        MatrixPool pool = new MatrixPool(Integer.parseInt(a.get("threads")));
        SvdRoute route = SvdRoute.valueOf(a.get("route"));
        DenseKernel kernel = switch (a.get("kernel")) {
            case "java" -> DenseKernel.JAVA;
            case "torch" -> TorchDenseKernel.INSTANCE;
            default -> throw new IllegalArgumentException("kernel must be java or torch, got '" + a.get("kernel") + "'");
        };
        SortedSet<String> names = set.matrices();
        int maxRank = Arrays.stream(set.ranks()).max().orElseThrow();
        long floats = 0;
        for (String name : names) {
            int[] s = set.shape(name);
            floats += (long) (s[0] + s[1]) * set.totalRank();
        }
        System.out.printf("LLM aggregation benchmark (SYNTHETIC factors): %d matrices, %d clients, ranks %s, R = %d, "
                        + "whole set %.2f GB as float32%n", names.size(), set.clients(), Arrays.toString(set.ranks()),
                set.totalRank(), floats * 4 / 1e9);
        System.out.printf("machine: %d processors, max heap %.2f GB, %s %s; pool threads %d, FlexLoRA route %s, kernel %s (torch threads %s)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 1e9,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), pool.threads(), route,
                kernel.name(), System.getProperty("ai.djl.pytorch.num_threads", "default"));
        List<String> phases = List.of(a.get("phases").split(","));

        if (phases.contains("generate")) {
            run("generate only", (BiConsumer<String, Long> sink) -> pool.forEach(names, name -> {
                long h = 0;
                for (int k = 0; k < set.clients(); k++) {
                    LoraFactors f = set.factors(k, name);
                    h = 31 * h + Float.floatToIntBits(f.a()[0]) + Float.floatToIntBits(f.b()[f.b().length - 1]);
                }
                return h;
            }, sink), h -> h);
        }
        if (phases.contains("flexlora")) {
            FlexLora flexLora = new FlexLora(route, pool, kernel);
            run("FlexLoRA (" + route + ", " + kernel.name() + " kernel, top " + maxRank + ")",
                    (BiConsumer<String, FlexLoraState.Matrix> sink) -> flexLora.aggregateEach(set, Map.of(), sink),
                    m -> digest(m.svd()));
        }
        if (phases.contains("hetlora")) {
            Map<String, Integer> global = new TreeMap<>();
            names.forEach(name -> global.put(name, maxRank));
            HetLora hetLora = new HetLora(false, false, pool);
            run("HetLoRA (zero-padded sum at rank " + maxRank + ")",
                    (BiConsumer<String, LoraFactors> sink) -> hetLora.aggregateEach(set, global, sink),
                    LlmAggregationBenchmark::digest);
        }
        if (phases.contains("safedlora")) {
            run("SA-FedLoRA rank reduction (global rank 64 -> 32)", (BiConsumer<String, LoraFactors> sink) -> pool.forEach(names,
                    name -> RankReduction.reduceNamed(name, set.global(name, 64), 32), sink), LlmAggregationBenchmark::digest);
        }
        if (!a.get("reference").equals("none")) {
            reference(set, a.get("reference").equals("layer") ? set.layer(0)
                    : new TreeSet<>(List.of("layers.00.self_attn.q_proj")), maxRank, kernel);
        }
    }

    /** A phase: runs {@code body} with a sink that digests each result and records its thread's CPU time. */
    private static <T> void run(String title, java.util.function.Consumer<BiConsumer<String, T>> body,
                                java.util.function.ToLongFunction<T> digester) {
        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                heap.add(p);
            }
        }
        long[] gc0 = gcCounts();
        String main = Thread.currentThread().getName();
        long mainCpu0 = THREADS.getCurrentThreadCpuTime();
        Map<String, Long> cpu = new ConcurrentHashMap<>();
        Map<String, Long> digests = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        body.accept((name, result) -> {
            digests.put(name, digester.applyAsLong(result));
            long now = THREADS.getCurrentThreadCpuTime();
            String thread = Thread.currentThread().getName();
            cpu.merge(thread, thread.equals(main) ? now - mainCpu0 : now, Math::max);
        });
        double wall = (System.nanoTime() - t0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : heap) {
            peak += p.getPeakUsage().getUsed();
        }
        long[] gc1 = gcCounts();
        long digest = 0;
        for (Long d : new TreeMap<>(digests).values()) {
            digest = 31 * digest + d;
        }
        double cpuTotal = 0;
        StringBuilder perThread = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(cpu).entrySet()) {
            cpuTotal += e.getValue() / 1e9;
            perThread.append(String.format(" %s %.1f s", e.getKey(), e.getValue() / 1e9));
        }
        System.out.printf("%n%s: %d matrices%n  wall %.1f s; CPU per thread:%s; CPU / wall = %.2f cores%n"
                        + "  peak heap (sum of pool peaks) %.0f MB; GC: %d collections, %.1f s; digest %016x%n",
                title, digests.size(), wall, perThread, cpuTotal / wall, peak / 1e6, gc1[0] - gc0[0],
                (gc1[1] - gc0[1]) / 1e3, digest);
    }

    private static long[] gcCounts() {
        long count = 0;
        long time = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            time += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, time};
    }

    /** The reference route on {@code subset}, one thread, next to the GRAM and FACTORED routes, extrapolated. */
    private static void reference(SyntheticLlamaAdapters set, SortedSet<String> subset, int k, DenseKernel kernel) {
        System.out.printf("%nReference route (full SVD of the dense out x in sum, EJML, one thread) on %s:%n", subset);
        double[] p = set.shares();
        double fullUnits = 0;
        double fullSeconds = 0;
        double gramSeconds = 0;
        double factoredSeconds = 0;
        for (String name : subset) {
            LowRankSum sum = ProductAverage.factored(name, set, p);
            long t0 = System.nanoTime();
            TruncatedSvd gram = SvdRoute.GRAM.topK(sum, k, kernel);
            long t1 = System.nanoTime();
            TruncatedSvd factored = SvdRoute.FACTORED.topK(sum, k);
            long t2 = System.nanoTime();
            TruncatedSvd full = SvdRoute.FULL.topK(sum, k);
            long t3 = System.nanoTime();
            int[] shape = set.shape(name);
            fullUnits += svdUnits(shape);
            fullSeconds += (t3 - t2) / 1e9;
            gramSeconds += (t1 - t0) / 1e9;
            factoredSeconds += (t2 - t1) / 1e9;
            double sigma1 = full.singularValues()[0];
            System.out.printf("  %s (%d x %d, R = %d, k = %d): FULL %.1f s, GRAM %.2f s, FACTORED %.2f s%n",
                    name, shape[0], shape[1], sum.rank(), k, (t3 - t2) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            System.out.printf("    GRAM (" + kernel.name() + " kernel) vs FULL: max |sigma diff| / sigma_1 = %.2e, max |U_k S_k V_k^T diff| / sigma_1 = %.2e%n",
                    maxDiff(gram.singularValues(), full.singularValues()) / sigma1,
                    maxDiff(gram.reconstruct(k), full.reconstruct(k)) / sigma1);
            System.out.printf("    FACTORED vs FULL: max |sigma diff| / sigma_1 = %.2e, max |U_k S_k V_k^T diff| / sigma_1 = %.2e%n",
                    maxDiff(factored.singularValues(), full.singularValues()) / sigma1,
                    maxDiff(factored.reconstruct(k), full.reconstruct(k)) / sigma1);
        }
        double allUnits = 0;
        for (String name : set.matrices()) {
            allUnits += svdUnits(set.shape(name));
        }
        double scale = allUnits / fullUnits;
        System.out.printf("  EXTRAPOLATED to all %d matrices (x %.1f by max(out, in) min(out, in)^2): FULL %.0f s = %.1f h "
                        + "on one thread (%.1f h on two, if it parallelised perfectly)%n", set.matrices().size(), scale,
                fullSeconds * scale, fullSeconds * scale / 3600, fullSeconds * scale / 7200);
        System.out.printf("  (the same subset on one thread: GRAM %.2f s, FACTORED %.2f s)%n", gramSeconds, factoredSeconds);
    }

    private static double svdUnits(int[] shape) {
        double max = Math.max(shape[0], shape[1]);
        double min = Math.min(shape[0], shape[1]);
        return max * min * min;
    }

    private static double maxDiff(double[] x, double[] y) {
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    private static double maxDiff(DMatrixRMaj x, DMatrixRMaj y) {
        return maxDiff(Arrays.copyOf(x.data, x.getNumElements()), Arrays.copyOf(y.data, y.getNumElements()));
    }

    private static long digest(TruncatedSvd svd) {
        return 31L * Arrays.hashCode(svd.singularValues()) + Arrays.hashCode(Arrays.copyOf(svd.u().data, svd.u().getNumElements()))
                + 17L * Arrays.hashCode(Arrays.copyOf(svd.vt().data, svd.vt().getNumElements()));
    }

    private static long digest(LoraFactors f) {
        return 31L * Arrays.hashCode(f.a()) + Arrays.hashCode(f.b());
    }
}
