package org.lorasim.actors.aggregator;

import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.profile.Availability;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.actors.systemonly.SyntheticUpdateSum;
import org.lorasim.policies.Checks;

/**
 * How the aggregator reaches its clients and what the run is made of.
 *
 * @param downlinks      per client, the link an {@link AggregatorActor.Instruct} travels over (wrapped in a
 *                       {@link LinkActor.Send}); a client without one is told directly
 * @param instructOverheadBytes a system-only instruction's wire bytes beyond its start adapter's
 *                       {@code byteSize()} (an instruction is charged this plus that byte size, so a client cut to
 *                       a lower rank downloads less), or {@link LinkActor#MEASURE} for the Kryo-serialized size
 * @param availability   which clients the policy may sample in a round (a crashed client still counts as
 *                       available: the server cannot know)
 * @param noise          the synthetic noise pool of a system-only run, or null: synthetic updates are
 *                       folded with {@link SyntheticUpdateSum} (FedAvg of the changes, weighted by
 *                       examples) instead of the policy's aggregation
 * @param roundListeners participants told {@link AggregatorActor.RoundBegan} through the clock when a round starts
 *                       (e.g. the scenario runner, for events "at round r")
 */
public record AggregatorOptions(Map<Integer, ActorRef<Clock.Delivered>> downlinks, long instructOverheadBytes,
                                Availability availability, SyntheticNoise noise,
                                List<ActorRef<Clock.Delivered>> roundListeners) {
    public AggregatorOptions {
        downlinks = Map.copyOf(downlinks);
        Checks.require(instructOverheadBytes >= LinkActor.MEASURE, "instructOverheadBytes must be >= 0 or MEASURE,"
                + " got " + instructOverheadBytes);
        Checks.require(availability != null, "availability must not be null");
        roundListeners = List.copyOf(roundListeners);
    }

    /** Clients told directly, all always available, real training, no listeners. */
    public static AggregatorOptions direct() {
        return new AggregatorOptions(Map.of(), LinkActor.MEASURE, new Availability.Always(), null, List.of());
    }
}
