package org.lorasim.policies.centralized;

import java.util.Objects;

/** A client instructed in a round that sent no usable update, and why. */
public record Failure(int clientId, Kind kind, String detail) {

    public enum Kind {
        CRASHED,
        TIMED_OUT,
        LOST,
        DROPPED_LATE
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
