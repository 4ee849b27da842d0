package org.lorasim.actors.serialization;

import java.util.Objects;

/**
 * A message {@link KryoSerializer} refused to serialize because it is too large: published on the actor system's
 * event stream by the serializer (on the sending node), since Artery, which asked for the bytes, only logs a
 * failed serialization and drops the message. Whoever runs a simulation across JVMs subscribes and turns it into
 * a failure of the run.
 *
 * @param messageClass the refused message's class name
 * @param bytes        its serialized size; -1 when unknown (Artery dropped it, or a batch part overflowed)
 * @param limitBytes   the room it had
 * @param limitSetting the setting whose value was the limit: {@link #MAX_BYTES}, {@link #FRAME} or {@link #LARGE_FRAME}
 * @param why          the limit and how to raise it, in words (the message of the serializer's exception)
 */
public record MessageRefused(String messageClass, long bytes, long limitBytes, String limitSetting, String why) {
    public static final String MAX_BYTES = "lorasim.serialization.max-bytes";
    public static final String FRAME = "pekko.remote.artery.advanced.maximum-frame-size";
    public static final String LARGE_FRAME = "pekko.remote.artery.advanced.maximum-large-frame-size";

    public MessageRefused {
        Objects.requireNonNull(messageClass, "messageClass");
        Objects.requireNonNull(limitSetting, "limitSetting");
        Objects.requireNonNull(why, "why");
    }
}
