package org.lorasim.cluster.sim;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The shard region of one run's clients: its own entity type per run ({@code lorasim-clients-RUNID}), so that
 * two runs never share entities, on {@code clients} nodes, never passivated (an idle client still holds its
 * place in the run).
 */
final class RunShards {

    /** The start of every run's entity type name. */
    static final String TYPE_PREFIX = "lorasim-clients-";

    private RunShards() {
    }

    static EntityTypeKey<ClientEntity.Deliver> typeKey(String runId) {
        return EntityTypeKey.create(ClientEntity.Deliver.class, TYPE_PREFIX + runId);
    }

    static ClusterShardingSettings settings(ActorSystem<?> system) {
        return ClusterShardingSettings.create(system).withNoPassivationStrategy().withRole(Roles.CLIENTS);
    }
}
