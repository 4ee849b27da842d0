package org.lorasim.ui.protocol;

import java.util.Locale;

/** What a client is doing, as the dashboard colours it. */
public enum ClientState {
    IDLE, TRAINING, UPLOADING, WAITING, STRAGGLING, CRASHED, PARTITIONED, REMOVED, DOES_NOT_FIT;

    /** {@code does-not-fit} for {@link #DOES_NOT_FIT}, else the name in lower case. */

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
