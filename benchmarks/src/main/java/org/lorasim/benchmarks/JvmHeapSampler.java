package org.lorasim.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The largest used heap of this JVM seen while it runs, sampled every 20 ms by a daemon thread (a sampled peak:
 * a spike between two samples is missed; the memory pools' own peaks, which count garbage, bound it above).
 */
final class JvmHeapSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;

    private JvmHeapSampler() {
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    static JvmHeapSampler start() {
        JvmHeapSampler sampler = new JvmHeapSampler();
        sampler.thread.start();
        return sampler;
    }

    /** The largest used heap sampled so far, bytes. */
    long peak() {
        return peak.get();
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
