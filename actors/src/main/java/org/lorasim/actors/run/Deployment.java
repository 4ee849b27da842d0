package org.lorasim.actors.run;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a run's actors go: its {@link RunHost} (the coordinator's actor system) and, for a centralized run
 * whose clients live elsewhere, their {@link ClientPlacement}. {@link #SINGLE_JVM} is the default: a fresh
 * actor system per run with every client inside it.
 */
public record Deployment(RunHost host, Optional<ClientPlacement> remoteClients) {

    public static final Deployment SINGLE_JVM = new Deployment(RunHost.OWN_SYSTEM, Optional.empty());

    public Deployment {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(remoteClients, "remoteClients");
    }
}
