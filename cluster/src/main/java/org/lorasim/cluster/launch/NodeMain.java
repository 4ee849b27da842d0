package org.lorasim.cluster.launch;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.io.PrintWriter;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.NodeStartException;

/**
 * The entry point of a node JVM that {@link LocalNodes} starts: {@code NodeMain FILE...} reads the config files
 * (the first wins over the next, all over {@code application.conf} and the {@code reference.conf} files), takes
 * {@code lorasim.cluster.*} from them and runs the node until it stops. Exit codes as {@code lorasim node}: 0 stopped,
 * 2 bad config (the message names the key), 1 could not start or join.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) {
        // Binds SLF4J before the actor system's threads ask for loggers at once (else it prints a "replayed" notice).
        org.slf4j.LoggerFactory.getILoggerFactory();
        ParentWatch.startIfAsked(System.err);
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            Config config = ConfigFactory.load(NodeMain.class.getClassLoader());
            for (int i = args.length - 1; i >= 0; i--) {
                config = ConfigFactory.parseFile(new File(args[i])).withFallback(config);
            }
            config = config.resolve();
            NodeRunner.run(NodeSettings.fromConfig(config), config, new PrintWriter(System.out, true));
            return 0;
        } catch (ConfigException e) {
            System.err.println("lorasim node: " + e.getMessage());
            return 2;
        } catch (NodeStartException e) {
            System.err.println("lorasim node: " + e.getMessage());
            return e.isBadInput() ? 2 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            System.err.println("lorasim node: " + e);
            return 1;
        }
    }
}
