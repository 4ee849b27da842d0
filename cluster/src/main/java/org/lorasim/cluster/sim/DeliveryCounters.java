package org.lorasim.cluster.sim;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.lorasim.cluster.node.RecoveryCounts;

/**
 * One node's counts of the recovery of lost messages (docs/cluster.md, "Payloads without loss"), over all runs:
 * what its senders tried again, what its receivers answered again or dropped as duplicates, and what the fault
 * injection ({@code lorasim.cluster.chaos}) dropped. Every try again is also logged (WARN) on the node. One per
 * actor system ({@link #of}, a Pekko extension: every node's system is named alike, so a map keyed by system would
 * mix the nodes of one JVM).
 */
public final class DeliveryCounters implements Extension {

    private static final class Id extends AbstractExtensionId<DeliveryCounters> implements ExtensionIdProvider {
        @Override
        public DeliveryCounters createExtension(ExtendedActorSystem system) {
            return new DeliveryCounters();
        }

        @Override
        public Id lookup() {
            return ID;
        }
    }

    private static final Id ID = new Id();

    /** Messages sent again, or asked after, because their answer was late (wave batches, training requests). */
    final LongAdder retransmissions = new LongAdder();
    /** Answers sent again by a receiver for a message it had already handled (answer batches, training outcomes). */
    final LongAdder answersResent = new LongAdder();
    /** Messages received again and not handled again (batches, training requests, outcomes, answers). */
    final LongAdder duplicates = new LongAdder();
    /** Messages dropped on arrival by the fault injection. */
    final LongAdder chaosDropped = new LongAdder();
    /**
     * Deliveries the coordinator's relay sent to an entity alone through the shard region, outside every wave batch,
     * so neither acknowledged nor sent again (one whose client's node is not known, or that reached a stand-in
     * directly, not through the clock's wave).
     */
    final LongAdder unbatched = new LongAdder();

    public static DeliveryCounters of(ActorSystem<?> system) {
        return ID.get(Adapter.toClassic(system));
    }

    public long retransmissions() {
        return retransmissions.sum();
    }

    public long answersResent() {
        return answersResent.sum();
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public long chaosDropped() {
        return chaosDropped.sum();
    }

    public long unbatched() {
        return unbatched.sum();
    }

    /** The four counts now. */
    public RecoveryCounts totals() {
        return new RecoveryCounts(retransmissions(), answersResent(), duplicates(), chaosDropped());
    }
}
