package org.lorasim.actors.gossip;

import java.util.Objects;
import org.lorasim.actors.clock.Clock;
import org.apache.pekko.actor.typed.ActorRef;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.systemonly.SyntheticNoise;
import org.lorasim.policies.Checks;
import org.lorasim.policies.gossip.GossipPolicy;
import org.lorasim.policies.gossip.MixingMatrix;

/**
 * What every {@link GossipNode} of a Dec-LoRA (Ghiasvand et al., arXiv 2501.15361) run shares: the mixing matrix
 * and policy, the local training, the settings, the noise that materialises synthetic updates (needed only when
 * the training is synthetic) and the read-only observer.
 */
public record GossipEnvironment(MixingMatrix mixing, GossipPolicy policy, LocalTraining training,
                                GossipSettings settings, SyntheticNoise noise, ActorRef<GossipNode.Event> observer,
                                ActorRef<Clock.Delivered> roundListener) {
    public GossipEnvironment {
        Objects.requireNonNull(mixing, "mixing matrix");
        Objects.requireNonNull(policy, "gossip policy");
        Objects.requireNonNull(training, "local training");
        Objects.requireNonNull(settings, "settings");
        Checks.require(noise != null || !training.synthetic(), "synthetic training needs a SyntheticNoise");
        Objects.requireNonNull(observer, "observer");
    }

    /** An environment without a round listener. */
    public GossipEnvironment(MixingMatrix mixing, GossipPolicy policy, LocalTraining training, GossipSettings settings,
                             SyntheticNoise noise, ActorRef<GossipNode.Event> observer) {
        this(mixing, policy, training, settings, noise, observer, null);
    }
}
