package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lorasim.cluster.launch.NodeRunner;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.NodeStartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lorasim node}: starts one cluster node and waits until it is stopped. Each option overrides its
 * {@code lorasim.cluster.*} key (over {@code --set}, over the file, over the defaults), so a problem names the key
 * and the option it came from. Exit codes: 2 bad input, 1 could not start or join; after SIGTERM the node leaves
 * the cluster gracefully and the JVM ends with 143.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = {"Start a cluster node with its roles and wait until it is stopped (SIGTERM or Ctrl-C:"
                + " it leaves the cluster gracefully). Prints 'lorasim node up: ADDRESS roles=[...]' once it is"
                + " Up; a node that cannot join within lorasim.cluster.join-timeout exits 1 naming the seed nodes"
                + " it tried. Every option is a lorasim.cluster key (see docs/cluster.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  lorasim node --role coordinator --port 2551 --seed-nodes 127.0.0.1:2551",
                "  lorasim node --role clients,trainer --port 2552 --seed-nodes 127.0.0.1:2551",
                "  lorasim node --role trainer --host 10.0.0.7 --tls --devices gpu:0,gpu:1 --seed-nodes 10.0.0.5:2551"
                        + " --config node.conf",
                "%nExit codes: 2 bad input (option, config, refused public bind), 1 could not start or join."})
final class NodeCommand extends LorasimCommand {

    @Option(names = "--role", split = ",", paramLabel = "ROLE",
            description = "Roles, comma-separated: coordinator, clients, trainer (lorasim.cluster.roles).")
    List<String> roles;

    @Option(names = "--host", description = "Address to bind and announce (lorasim.cluster.host).")
    String host;

    @Option(names = "--port", description = "Remoting port, 0 for a free one (lorasim.cluster.port).")
    String port;

    @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
            description = "Nodes to join, comma-separated (lorasim.cluster.seed-nodes).")
    List<String> seedNodes;

    @Option(names = "--devices", split = ",", paramLabel = "DEVICE",
            description = "One trainer slot per device: cpu or gpu:N (lorasim.cluster.trainer.devices).")
    List<String> devices;

    @Option(names = "--tls", description = "Artery over TLS; the key store comes from the config"
            + " (lorasim.cluster.tls.enabled).")
    boolean tls;

    @Option(names = "--allow-public-bind", description = "Bind a non-loopback address without TLS"
            + " (lorasim.cluster.allow-public-bind).")
    boolean allowPublicBind;

    @Option(names = "--join-timeout", paramLabel = "DURATION",
            description = "Give up joining after this long, e.g. 30s (lorasim.cluster.join-timeout).")
    String joinTimeout;

    @Option(names = "--http-port", description = "The coordinator's JSON status port (lorasim.cluster.http-port).")
    String httpPort;

    @Option(names = "--config", paramLabel = "FILE", description = "A HOCON file with lorasim.cluster keys (and a"
            + " scenario's keys, if any).")
    Path config;

    @Mixin
    ScenarioOverrides overrides;

    @Override
    int execute() throws Exception {
        Config base = ScenarioLoader.standard().load(config, overrides.sets).config();
        Config withOptions = optionsConfig().withFallback(base).resolve();
        NodeSettings settings = NodeSettings.fromConfig(withOptions);
        try {
            NodeRunner.run(settings, withOptions, out());
            return DONE;
        } catch (NodeStartException e) {
            err().println("lorasim node: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err());
            }
            err().flush();
            return e.isBadInput() ? BAD_INPUT : FAILED;
        }
    }

    /** The options given, each as its key with the option as its origin (so a problem says "option --port"). */
    private Config optionsConfig() {
        Config c = ConfigFactory.empty();
        c = put(c, "--role", "roles", roles);
        c = put(c, "--host", "host", host);
        c = put(c, "--port", "port", port);
        c = put(c, "--seed-nodes", "seed-nodes", seedNodes);
        c = put(c, "--devices", "trainer.devices", devices);
        c = put(c, "--tls", "tls.enabled", tls ? Boolean.TRUE : null);
        c = put(c, "--allow-public-bind", "allow-public-bind", allowPublicBind ? Boolean.TRUE : null);
        c = put(c, "--join-timeout", "join-timeout", joinTimeout);
        c = put(c, "--http-port", "http-port", httpPort);
        return c;
    }

    private static Config put(Config c, String option, String key, Object value) {
        if (value == null) {
            return c;
        }
        Object v = value instanceof List<?> list ? new ArrayList<>(list.stream().map(String::valueOf)
                .map(String::strip).filter(s -> !s.isEmpty()).toList()) : value;
        return c.withValue(NodeSettings.key(key), ConfigValueFactory.fromAnyRef(v, "option " + option));
    }
}
