package org.lorasim.actors.run;

import com.typesafe.config.Config;
import java.util.List;
import org.lorasim.actors.profile.ConfigReading;

/**
 * Whether a run's {@code events.jsonl} gets a {@link MessageEvents} line for every message sent over a link
 * ({@code lorasim.run.record-messages}): {@code on}, {@code off}, or {@code auto}, on for at most
 * {@value #AUTO_LIMIT} clients. The lines let a replay draw messages in flight; a large system-only run sends
 * two messages per sampled client per round, which would make the file grow by hundreds of megabytes for
 * pictures nobody can draw at that size. Live views hear every send either way.
 */
public final class MessageRecording {

    /** The most clients for which {@code auto} records every message. */
    public static final int AUTO_LIMIT = 1000;

    static final String KEY = "lorasim.run.record-messages";

    private MessageRecording() {
    }

    /** What {@value #KEY} says for a run of {@code clients} clients. */
    public static boolean enabled(Config config, int clients) {
        return switch (ConfigReading.oneOf(config, KEY, List.of("auto", "on", "off"))) {
            case "on" -> true;
            case "off" -> false;
            default -> clients <= AUTO_LIMIT;
        };
    }
}
