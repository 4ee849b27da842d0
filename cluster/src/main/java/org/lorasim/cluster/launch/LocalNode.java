package org.lorasim.cluster.launch;

import java.nio.file.Path;
import java.util.Set;
import org.lorasim.cluster.node.NodeRole;
import org.lorasim.cluster.node.SeedNode;

/**
 * One node JVM started by {@link LocalNodes}.
 *
 * @param index   its place in the order the nodes were asked for (0 is the seed node)
 * @param address its Pekko address once Up, {@code pekko://lorasim@127.0.0.1:PORT}
 * @param log     the file that receives its stdout and stderr
 * @param statusUrl the JSON status endpoint ({@code http://127.0.0.1:PORT/cluster}) of a coordinator node, else null
 */
public record LocalNode(int index, Set<NodeRole> roles, int port, Process process, Path log, String address,
                        String statusUrl) {

    public SeedNode asSeed() {
        return new SeedNode("127.0.0.1", port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
