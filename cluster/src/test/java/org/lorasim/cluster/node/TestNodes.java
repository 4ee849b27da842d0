package org.lorasim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Nodes on loopback for tests: free ports, short timeouts, quiet logs, no HTTP unless asked. */
public final class TestNodes {

    /** Pekko's own logging at WARNING, over the defaults of every module. */
    public static final Config BASE = ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.log-dead-letters = off")
            .withFallback(ConfigFactory.load(TestNodes.class.getClassLoader())).resolve();

    private TestNodes() {
    }

    /** A loopback node on a free port with {@code roles}, joining {@code seeds} (none: it forms a cluster). */
    public static NodeSettings settings(Set<NodeRole> roles, List<SeedNode> seeds) {
        return NodeSettings.defaults().withHost("127.0.0.1").withPort(0).withRoles(roles).withSeedNodes(seeds)
                .withJoinTimeout(Duration.ofSeconds(20)).withHttp(false, 0);
    }

    public static ClusterNode start(Set<NodeRole> roles, List<SeedNode> seeds) {
        return ClusterNode.start(settings(roles, seeds), BASE);
    }
}
