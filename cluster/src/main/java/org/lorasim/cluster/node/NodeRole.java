package org.lorasim.cluster.node;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a node hosts. Roles combine: one node may be all three (a one-machine cluster).
 * The name in config, on the command line and in Pekko's member roles is {@link #roleName()}.
 */
public enum NodeRole {
    /** The clock, the coordinator (aggregator or gossip network) and the scenario runner, as cluster singletons. */
    COORDINATOR,
    /** Sharded client entities and their links. */
    CLIENTS,
    /** Trainer slots, one per configured device; the base model is loaded only on these nodes. */
    TRAINER;

    /** The lower-case name used in config, on the command line and as the Pekko member role. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NodeRole> parse(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName().equals(name.strip())).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(NodeRole::roleName).toList();
    }
}
