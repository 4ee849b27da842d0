package org.lorasim.actors.gossip;

import org.lorasim.policies.Checks;

/**
 * Where a recovering {@link GossipNode} goes on. Dec-LoRA (Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361)
 * assumes no failures; our choice is the iteration the node would be in had it not crashed, estimated from its
 * own mean iteration duration {@code d = busy / completed} so far:
 * <pre>
 *   resume = min(T, max(c + 1, c + floor((now - start_c) / d)))
 * </pre>
 * with {@code c} the iteration abandoned by the crash, {@code start_c} when it began and {@code T} the number of
 * iterations ({@code T} means done). The abandoned iteration is never redone ({@code >= c + 1}), so an observer
 * knows that a crashed node will not report it. Before any iteration completed there is no estimate: {@code c + 1}.
 */
final class ResumeIteration {
    private ResumeIteration() {
    }

    static int estimate(int crashed, long crashedStart, long now, int completed, long busyNanos, int iterations) {
        Checks.require(crashed >= 0 && crashed < iterations,
                "crashed iteration must be in [0, " + iterations + "), got " + crashed);
        Checks.require(now >= crashedStart, "recovery at " + now + " before the crashed iteration began at " + crashedStart);
        long resume = crashed + 1L;
        if (completed > 0 && busyNanos > 0) {
            double mean = (double) busyNanos / completed;
            resume = Math.max(resume, crashed + (long) Math.floor((now - crashedStart) / mean));
        }
        return (int) Math.min(iterations, resume);
    }
}
