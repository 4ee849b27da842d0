package org.lorasim.cluster.sim;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;

/**
 * Shard allocation for a run's clients: a new shard goes to the region with the fewest shards (ties: the
 * lowest address, so equal clusters allocate alike), and shards are never rebalanced while the run goes on,
 * because a client entity moved mid-run would lose its training in flight. Shards move only when their node
 * leaves the cluster.
 */
final class NoRebalance extends ShardCoordinator.AbstractShardAllocationStrategy {

    @Override
    public Future<ActorRef> allocateShard(ActorRef requester, String shardId,
                                          Map<ActorRef, IndexedSeq<String>> current) {
        ActorRef least = current.entrySet().stream()
                .min(Comparator.<Map.Entry<ActorRef, IndexedSeq<String>>>comparingInt(e -> e.getValue().size())
                        .thenComparing(e -> e.getKey().path().address().toString()))
                .map(Map.Entry::getKey).orElse(requester);
        return Futures.successful(least);
    }

    @Override
    public Future<Set<String>> rebalance(Map<ActorRef, IndexedSeq<String>> current, Set<String> inProgress) {
        return Futures.successful(Set.of());
    }
}
