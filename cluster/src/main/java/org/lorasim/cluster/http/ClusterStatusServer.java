package org.lorasim.cluster.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.Route;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.NodeSettings;
import org.lorasim.cluster.node.NodeStartException;

/**
 * Serves {@link ClusterStatusJson} at {@code GET /cluster} on the node's actor system (Pekko HTTP). Bound to
 * {@code lorasim.cluster.http-host} (loopback by default: the figures are for the operator, not the network).
 */
public final class ClusterStatusServer implements AutoCloseable {

    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(10);

    private final ServerBinding binding;

    private ClusterStatusServer(ServerBinding binding) {
        this.binding = binding;
    }

    /**
     * Binds the endpoint; port 0 picks a free one ({@link #port()}).
     *
     * @throws NodeStartException when the port is taken, naming host:port and the key
     */
    public static ClusterStatusServer start(ClusterNode node, String host, int port) {
        return start(node.system(), host, port);
    }

    /** As {@link #start(ClusterNode, String, int)}, on the node of actor system {@code system}. */
    public static ClusterStatusServer start(ActorSystem<?> system, String host, int port) {
        Route route = path("cluster", () -> get(() -> complete(
                HttpEntities.create(ContentTypes.APPLICATION_JSON, ClusterStatusJson.render(system)))));
        try {
            ServerBinding binding = Http.get(system).newServerAt(host, port).bind(route)
                    .toCompletableFuture().get(BIND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new ClusterStatusServer(binding);
        } catch (ExecutionException e) {
            String reason = isBindFailure(e) ? "the port is in use" : String.valueOf(e.getCause());
            throw new NodeStartException(NodeStartException.Reason.CANNOT_BIND, "cannot serve the cluster status at "
                    + host + ":" + port + " (" + reason + "): choose another " + NodeSettings.key("http-port")
                    + ", or set " + NodeSettings.key("http-enabled") + " = off", e);
        } catch (TimeoutException e) {
            throw new NodeStartException(NodeStartException.Reason.CANNOT_BIND, "binding the cluster status at "
                    + host + ":" + port + " took over " + BIND_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + host + ":" + port, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || t.getClass().getSimpleName().contains("BindFailed")) {
                return true;
            }
        }
        return false;
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** {@code http://HOST:PORT/cluster} */
    public String url() {
        return "http://" + binding.localAddress().getHostString() + ":" + port() + "/cluster";
    }

    @Override
    public void close() {
        binding.unbind();
    }
}
