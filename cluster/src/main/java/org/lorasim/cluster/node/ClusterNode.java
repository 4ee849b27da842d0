package org.lorasim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A started cluster node: an actor system that is Up in its cluster. {@link #start} returns only once the node
 * is Up, or throws a {@link NodeStartException} whose message names what to fix; a node that does not join
 * within {@code join-timeout} is shut down first, so nothing is left running.
 *
 * <p>Closing leaves the cluster gracefully (Pekko's coordinated shutdown: shards hand over, the member becomes
 * Exiting then Removed) and waits, bounded, for the actor system to end. A graceful leave needs a peer: the
 * leader moves a leaving member to Exiting only once every reachable member has seen the leave (convergence),
 * and an Exiting peer that has already ended (its exit not yet confirmed) blocks that until the failure detector
 * marks it unreachable. When no peer that could see the leave is left (the others are Removed, Exiting, Down or
 * unreachable), the node downs itself instead, which ends it at once and costs nobody anything, since nobody is
 * left to hand shards to. A peer that ended without leaving and is not yet known unreachable still counts: that
 * leave waits for the failure detector (and, on a tie, the split brain resolver), within the phase time-outs
 * whose sum bounds {@link #close}. A node that has left (its cluster extension ended) but whose actor system
 * does not finish terminating within that bound is let go with a warning rather than an error: Artery's TLS
 * transport can hang in {@code terminate()} after an inbound handshake failed (a plain node knocking on a TLS
 * node; akka/akka-core#29162, open upstream), and by then the node has nothing left to do in the cluster.
 */
public final class ClusterNode implements AutoCloseable {

    /**
     * Beyond the sum of the coordinated-shutdown phase time-outs ({@code CoordinatedShutdown.totalTimeout()},
     * set by {@link NodeConfig#PHASE_TIMEOUTS}): room for the dispatchers to stop after the last phase.
     */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

    /** How long a failed start waits for its actor system to end before it reports the failure. */
    static final Duration FAILED_START_WAIT = Duration.ofSeconds(5);

    private final ActorSystem<Void> system;
    private final NodeSettings settings;
    private final String boundAddress;

    private ClusterNode(ActorSystem<Void> system, NodeSettings settings) {
        this.system = system;
        this.settings = settings;
        Address self = Cluster.get(system).selfMember().address();
        this.boundAddress = self.getHost().orElse(settings.host()) + ":" + self.getPort().orElse(settings.port());
    }

    /** Starts a node over the application's config ({@code application.conf} over every {@code reference.conf}). */
    public static ClusterNode start(NodeSettings settings) {
        return start(settings, ConfigFactory.load(ClusterNode.class.getClassLoader()));
    }

    /**
     * Starts a node and blocks until it is Up, at most {@code settings.joinTimeout()}.
     *
     * @param base the config under the node's own settings (a scenario, or the defaults); resolved
     * @throws NodeStartException a non-loopback bind without TLS, a port in use, or not Up in time
     */
    public static ClusterNode start(NodeSettings settings, Config base) {
        if (!settings.tls().enabled() && !settings.allowPublicBind() && !NodeSettings.isLoopback(settings.host())) {
            throw new NodeStartException(NodeStartException.Reason.PUBLIC_BIND_REFUSED, "refusing to bind to '"
                    + settings.host() + "' without TLS: it is not a loopback address. Set "
                    + NodeSettings.key("tls.enabled") + " = on (see docs/cluster.md), or "
                    + NodeSettings.key("allow-public-bind") + " = on on a trusted network");
        }
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.empty(), settings.systemName(), NodeConfig.build(settings, base));
        } catch (RuntimeException e) {
            BindException bind = causeOf(e, BindException.class);
            if (bind != null) {
                throw new NodeStartException(NodeStartException.Reason.CANNOT_BIND, "cannot bind "
                        + settings.host() + ":" + settings.port() + " (" + bind.getMessage() + "): the port is in"
                        + " use, or the host is no address of this machine. Choose another "
                        + NodeSettings.key("port") + " (--port) or " + NodeSettings.key("host") + " (--host)", e);
            }
            throw e;
        }
        ClusterNode node = new ClusterNode(system, settings);
        node.awaitUp();
        return node;
    }

    private void awaitUp() {
        CompletableFuture<Done> up = new CompletableFuture<>();
        org.apache.pekko.cluster.Cluster.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system))
                .registerOnMemberUp(() -> up.complete(Done.getInstance()));
        Cluster cluster = Cluster.get(system);
        if (settings.seedNodes().isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        try {
            up.get(settings.joinTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            shutDown();
            throw new NodeStartException(NodeStartException.Reason.NOT_JOINED, "node " + boundAddress
                    + " did not join the cluster within " + ClusterRoles.words(settings.joinTimeout())
                    + "; seed nodes tried: " + settings.seedNodes().stream().map(s -> s.address(settings.systemName()))
                    .collect(Collectors.joining(", ")) + ". Check that a seed node runs at that host and port, that"
                    + " the port is open, that " + NodeSettings.key("system-name") + " is the same, and that TLS ("
                    + NodeSettings.key("tls.enabled") + ") is on for all nodes or for none.", e);
        } catch (InterruptedException e) {
            shutDown();
            Thread.currentThread().interrupt();
            throw new NodeStartException(NodeStartException.Reason.NOT_JOINED, "interrupted while joining", e);
        } catch (ExecutionException e) {
            shutDown();
            throw new NodeStartException(NodeStartException.Reason.NOT_JOINED, "joining failed: " + e.getCause(), e);
        }
    }

    public ActorSystem<Void> system() {
        return system;
    }

    public NodeSettings settings() {
        return settings;
    }

    /** This node's address, {@code pekko://SYSTEM@HOST:PORT}, with the port it got (also when asked for 0). */
    public String address() {
        return selfAddress().toString();
    }

    public Address selfAddress() {
        return Cluster.get(system).selfMember().address();
    }

    /** The remoting port this node is bound to. */
    public int port() {
        return selfAddress().getPort().orElseThrow();
    }

    /** As a seed node for others to join. */
    public SeedNode asSeed() {
        return new SeedNode(settings.host(), port());
    }

    /** Where the simulation side reports shards, trainer slots and bytes sent (read by the JSON endpoint). */
    public ClusterMetricsRegistry metrics() {
        return ClusterMetricsRegistry.of(system);
    }

    /** Remote messages and serialized bytes this node has sent since it started (Artery's own traffic included). */
    public SentCounter.Totals sent() {
        return SentCounter.of(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    }

    /** Remote messages and serialized bytes this node has received since it started. */
    public SentCounter.Totals received() {
        return SentCounter.receivedOf(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system));
    }

    public CompletionStage<Done> whenTerminated() {
        return system.getWhenTerminated();
    }

    /**
     * Leaves the cluster gracefully, or downs itself when no peer is left to take part in a leave (see the
     * class comment), and waits, at most {@code timeout}, for the actor system to end.
     */
    public void leave(Duration timeout) {
        Cluster cluster = Cluster.get(system);
        if (!cluster.isTerminated() && !hasPeerForLeave(cluster.state(), cluster.selfMember())) {
            cluster.manager().tell(new org.apache.pekko.cluster.typed.Down(cluster.selfMember().address()));
        } else {
            CoordinatedShutdown.get(system).run(CoordinatedShutdown.clusterLeavingReason());
        }
        awaitTermination(timeout);
    }

    /** Leaves (as {@link #leave}), waiting at most {@link #shutdownBound()}. */
    @Override
    public void close() {
        leave(shutdownBound());
    }

    /**
     * The longest a leave may take: the sum of the time-outs of the shutdown phases that have tasks (Pekko's
     * own bound, each phase going on after its time-out) plus {@link #SHUTDOWN_MARGIN}.
     */
    public Duration shutdownBound() {
        return Duration.ofMillis(CoordinatedShutdown.get(system).totalTimeout().toMillis()).plus(SHUTDOWN_MARGIN);
    }

    /**
     * Whether another member can see this node's leave and let the leader move it on: one that is reachable
     * and Joining, WeaklyUp, Up, Leaving or preparing for a shutdown. Exiting, Down and Removed members, and
     * unreachable ones, cannot.
     */
    static boolean hasPeerForLeave(org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state, Member self) {
        for (Member m : state.getMembers()) {
            if (m.uniqueAddress().equals(self.uniqueAddress()) || state.getUnreachable().contains(m)) {
                continue;
            }
            MemberStatus s = m.status();
            if (s != MemberStatus.exiting() && s != MemberStatus.down() && s != MemberStatus.removed()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a failed start: terminates the actor system and waits for it at most {@link #FAILED_START_WAIT}.
     * A node that never became Up can spend Pekko's cluster phase time-outs (10 s each) trying to leave; the
     * caller's error matters more than that wait, so the system may finish terminating in the background.
     */
    private void shutDown() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(FAILED_START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still terminating: see above
        }
    }

    private void awaitTermination(Duration timeout) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            if (Cluster.get(system).isTerminated()) {
                system.log().warn("node {} left the cluster, but its actor system did not finish terminating within {}"
                        + " (Artery after a failed TLS handshake, akka/akka-core#29162); no longer waiting for it",
                        boundAddress, ClusterRoles.words(timeout));
                return;
            }
            throw new IllegalStateException("node " + boundAddress + " did not shut down within "
                    + ClusterRoles.words(timeout), e);
        }
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
