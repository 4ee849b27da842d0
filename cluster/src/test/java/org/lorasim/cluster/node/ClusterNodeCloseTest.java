package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.Test;

/**
 * Closing nodes: the last node of a cluster, whose peer has left, has nobody to see a graceful leave, so it
 * downs itself instead of waiting for convergence; every close is bounded by the shutdown phases' own sum.
 */
class ClusterNodeCloseTest {

    @Test
    void theLastNodeDownsItselfOnceItsPeerHasLeft() throws Exception {
        ClusterNode first = TestNodes.start(Set.of(NodeRole.COORDINATOR), List.of());
        try (ClusterNode second = TestNodes.start(Set.of(NodeRole.CLIENTS), List.of(first.asSeed()))) {
            ClusterRoles.awaitMembersUp(first.system(), 2, Duration.ofSeconds(20));
            ClusterRoles.awaitMembersUp(second.system(), 2, Duration.ofSeconds(20));
            CompletableFuture<Void> secondRemoved = removed(first, second.address());
            assertThat(ClusterNode.hasPeerForLeave(Cluster.get(first.system()).state(),
                    Cluster.get(first.system()).selfMember())).isTrue();

            second.close();
            secondRemoved.get(20, TimeUnit.SECONDS);
        }

        assertThat(ClusterNode.hasPeerForLeave(Cluster.get(first.system()).state(),
                Cluster.get(first.system()).selfMember())).isFalse();
        assertThat(first.shutdownBound()).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
        first.close();
        assertThat(first.whenTerminated().toCompletableFuture()).isDone();
        assertThat(CoordinatedShutdown.get(first.system()).getShutdownReason())
                .isEqualTo(Optional.of(CoordinatedShutdown.clusterDowningReason()));
    }

    /** Completes when {@code node} sees the member at {@code address} removed. */
    private static CompletableFuture<Void> removed(ClusterNode node, String address) {
        CompletableFuture<Void> removed = new CompletableFuture<>();
        node.system().systemActorOf(Behaviors.<ClusterEvent.MemberRemoved>setup(context -> {
            ActorRef<ClusterEvent.MemberRemoved> self = context.getSelf();
            Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(self, ClusterEvent.MemberRemoved.class));
            return Behaviors.receiveMessage(event -> {
                if (event.member().address().toString().equals(address)) {
                    removed.complete(null);
                    return Behaviors.stopped();
                }
                return Behaviors.same();
            });
        }), "await-removed", Props.empty());
        return removed;
    }
}
