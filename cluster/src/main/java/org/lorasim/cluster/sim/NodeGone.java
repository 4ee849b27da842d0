package org.lorasim.cluster.sim;

import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.cluster.ClusterEvent;

/**
 * A member whose actors are gone for a run: Down (a killed node, downed by the split brain resolver), Leaving,
 * Exiting or Removed, {@code how} saying which. What {@link ClientRelay} and {@link TrainerRouter} act on; each acts
 * on the first of these events per node.
 */
record NodeGone(Address address, String how) implements NoSerializationVerificationNeeded {

    /** The {@link NodeGone} a member event means, else the event itself (to be ignored). */
    static Object of(ClusterEvent.MemberEvent event) {
        if (event instanceof ClusterEvent.MemberDowned) {
            return new NodeGone(event.member().address(), "downed (unreachable, then the split brain resolver)");
        } else if (event instanceof ClusterEvent.MemberLeft || event instanceof ClusterEvent.MemberExited) {
            return new NodeGone(event.member().address(), "left the cluster");
        } else if (event instanceof ClusterEvent.MemberRemoved) {
            return new NodeGone(event.member().address(), "removed from the cluster");
        }
        return event;
    }
}
