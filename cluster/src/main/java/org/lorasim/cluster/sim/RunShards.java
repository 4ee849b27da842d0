package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The shard region of one run's clients: its own entity type per run ({@code lorasim-clients-RUNID}), so that
 * two runs never share entities, on {@code clients} nodes, never passivated (an idle client still holds its
 * place in the run), in {@value #SHARDS} shards.
 *
 * <p>Why {@value #SHARDS} and not Pekko's 1000: the shard coordinator allocates shards one after another, each
 * allocation a replicated write, so starting 10,000 clients' entities over 1000 shards took ~22 s on this 2-core
 * machine, almost all of it allocation. {@value #SHARDS} still spreads clients evenly over up to a dozen nodes
 * (shards go to the region with the fewest; 120 divides by 2, 3, 4, 5, 6, 8, 10 and 12).
 */
final class RunShards {

    /** The start of every run's entity type name. */
    static final String TYPE_PREFIX = "lorasim-clients-";

    /** Shards of a run's clients, the same on every node (it decides which shard a client id falls in). */
    static final int SHARDS = 120;

    private RunShards() {
    }

    static EntityTypeKey<ClientEntity.Deliver> typeKey(String runId) {
        return EntityTypeKey.create(ClientEntity.Deliver.class, TYPE_PREFIX + runId);
    }

    static ClusterShardingSettings settings(ActorSystem<?> system) {
        Config sharding = system.settings().config().getConfig("pekko.cluster.sharding")
                .withValue("number-of-shards", ConfigValueFactory.fromAnyRef(SHARDS));
        return ClusterShardingSettings.fromConfig(sharding).withNoPassivationStrategy().withRole(Roles.CLIENTS);
    }
}
