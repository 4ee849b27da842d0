package org.lorasim.ui.protocol;

import java.util.Locale;

/** What a client is doing, as the dashboard colours it. */
public enum ClientState {
    IDLE, TRAINING, UPLOADING, WAITING, STRAGGLING, CRASHED, PARTITIONED, REMOVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
