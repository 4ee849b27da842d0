package org.lorasim.actors.link;

import org.lorasim.actors.serialization.LorasimMessage;

/** Payloads the link tests send (registered in application-test.conf, ids 9100-9199). */
final class LinkTestMessages {
    private LinkTestMessages() {
    }

    /** A named payload of {@code data}. */
    record Chunk(String name, byte[] data) implements LorasimMessage {
        static Chunk named(String name) {
            return new Chunk(name, new byte[0]);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
