package org.lorasim.policies.parallel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.lorasim.policies.Checks;

/**
 * Runs one independent computation per LoRA target matrix on a bounded number of threads, so that a
 * server step over an LLM's hundreds of matrices uses every core while at most {@link #threads()}
 * matrices are in flight (memory: threads x one matrix's working set, plus what the caller keeps).
 *
 * <p>Each matrix's computation runs start to end on one thread and nothing is shared between them, so
 * the results are bit-identical for any thread count; only the order in which a sink sees the
 * matrices varies. Workers take the next matrix from a shared counter (names in their given order), so a
 * slow matrix does not hold up the others. One thread, or one matrix, runs in the calling thread. The
 * first failure (in name order among those that failed) is rethrown once all workers have stopped; an
 * {@link IllegalArgumentException} or {@link IllegalStateException} keeps its type and message.
 */
public final class MatrixPool {
    private final int threads;

    public MatrixPool(int threads) {
        this.threads = Checks.positive("aggregation threads", threads);
    }

    /** A pool with one thread per available processor. */
    public static MatrixPool perProcessor() {
        return new MatrixPool(Runtime.getRuntime().availableProcessors());
    }

    public int threads() {
        return threads;
    }

    /** {@code work(name)} for every name, collected by name. */
    public <T> SortedMap<String, T> map(Collection<String> names, Function<String, T> work) {
        ConcurrentHashMap<String, T> results = new ConcurrentHashMap<>();
        forEach(names, work, results::put);
        return new TreeMap<>(results);
    }

    /**
     * {@code sink.accept(name, work(name))} for every name, on the worker that computed it: the sink must be
     * thread-safe, and should not keep the results when memory must stay bounded.
     */
    public <T> void forEach(Collection<String> names, Function<String, T> work, BiConsumer<String, T> sink) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(sink, "sink");
        List<String> order = List.copyOf(names);
        int workers = Math.min(threads, order.size());
        if (workers <= 1) {
            for (String name : order) {
                sink.accept(name, work.apply(name));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Failure> failure = new AtomicReference<>();
        Runnable loop = () -> {
            for (int i = next.getAndIncrement(); i < order.size() && failure.get() == null; i = next.getAndIncrement()) {
                String name = order.get(i);
                try {
                    sink.accept(name, work.apply(name));
                } catch (RuntimeException | Error e) {
                    Failure f = new Failure(i, e);
                    failure.accumulateAndGet(f, (a, b) -> a == null || b.index < a.index ? b : a);
                }
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            Thread t = new Thread(loop, "lorasim-matrix-" + w);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        loop.run();
        boolean interrupted = false;
        for (Thread t : started) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Failure f = failure.get();
        if (f != null) {
            if (f.cause instanceof IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (f.cause instanceof IllegalStateException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            if (f.cause instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException("matrix '" + order.get(f.index) + "' failed: " + f.cause, f.cause);
        }
    }

    private record Failure(int index, Throwable cause) {
    }
}
