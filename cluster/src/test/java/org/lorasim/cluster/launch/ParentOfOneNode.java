package org.lorasim.cluster.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.lorasim.cluster.node.NodeRole;

/**
 * The parent process of {@link ParentWatchTest}: starts one node JVM with {@link LocalNodes} (logs in the folder
 * given), prints {@code node-pid=PID} and waits until it is killed, never closing the nodes.
 */
public final class ParentOfOneNode {

    private ParentOfOneNode() {
    }

    public static void main(String[] args) throws Exception {
        LocalNodes nodes = LocalNodes.builder(Path.of(args[0]))
                .node(Set.of(NodeRole.COORDINATOR))
                .set("pekko.loglevel", "WARNING")
                .jvmOption("-Xmx256m")
                .upTimeout(Duration.ofSeconds(90))
                .start();
        System.out.println("node-pid=" + nodes.node(0).process().pid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
