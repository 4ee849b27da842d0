package org.lorasim.cluster.launch;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a node JVM that {@link LocalNodes} started once the process that started it is gone. {@code LocalNodes}
 * stops its nodes when it is closed, but a parent killed with SIGKILL (or a test JVM that timed out) cannot close
 * anything, and its nodes would otherwise live on, holding their ports, memory and cores. The parent's pid comes
 * in the system property {@link #PROPERTY}; when that process exits, the node exits with code 1 (Pekko's JVM
 * shutdown hook runs the coordinated shutdown), and is halted if that has not ended within {@link #HALT_AFTER}.
 */
final class ParentWatch {

    static final String PROPERTY = "lorasim.local-nodes.parent-pid";
    static final Duration HALT_AFTER = Duration.ofSeconds(60);

    private ParentWatch() {
    }

    /** The JVM flag that tells a child who its parent is: this process. */
    static String flagForChild() {
        return "-D" + PROPERTY + "=" + ProcessHandle.current().pid();
    }

    /** Starts watching the parent named by {@link #PROPERTY}, if any; {@code err} hears why this node stops. */
    static void startIfAsked(PrintStream err) {
        String pid = System.getProperty(PROPERTY);
        if (pid == null) {
            return;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        if (parent.isEmpty()) {
            stop(err, pid);
        } else {
            parent.get().onExit().thenRun(() -> stop(err, pid));
        }
    }

    private static void stop(PrintStream err, String pid) {
        err.println("lorasim node: the process that started this node (pid " + pid + ") is gone; stopping");
        CompletableFuture.runAsync(() -> Runtime.getRuntime().halt(1),
                CompletableFuture.delayedExecutor(HALT_AFTER.toMillis(), TimeUnit.MILLISECONDS));
        new Thread(() -> System.exit(1), "lorasim-parent-watch-exit").start();
    }
}
