package org.lorasim.cluster.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** Two nodes in one JVM (as in the cluster tests) have their own figures, though their systems are named alike. */
class ClusterMetricsRegistryTest {

    @Test
    void eachActorSystemHasItsOwnRegistryEvenWithTheSameName() {
        var config = ConfigFactory.parseString("pekko.actor.provider = local").withFallback(ConfigFactory.load());
        ActorSystem<Void> a = ActorSystem.create(Behaviors.empty(), "lorasim", config);
        ActorSystem<Void> b = ActorSystem.create(Behaviors.empty(), "lorasim", config);
        try {
            assertThat(a).as("typed systems compare by path, which the name decides").isEqualTo(b);
            ClusterMetricsRegistry.of(a).sent("pekko://lorasim@127.0.0.1:1", 3, 300);
            ClusterMetricsRegistry.of(b).sent("pekko://lorasim@127.0.0.1:2", 5, 500);

            assertThat(ClusterMetricsRegistry.of(a)).isSameAs(ClusterMetricsRegistry.of(a));
            assertThat(ClusterMetricsRegistry.of(a).snapshot()).containsOnlyKeys("pekko://lorasim@127.0.0.1:1");
            assertThat(ClusterMetricsRegistry.of(b).snapshot()).containsOnlyKeys("pekko://lorasim@127.0.0.1:2");
        } finally {
            a.terminate();
            b.terminate();
        }
    }
}
