package org.lorasim.actors.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of one {@link TrainingJournal} entry: a 12-byte header, then the payload (the outcome's Kryo bytes).
 * <pre>
 *   "LSJ1" (4 bytes) | payload length (int, big-endian) | CRC32C of the payload (int) | payload
 * </pre>
 * A file that is empty, shorter than its header says, longer, or whose payload does not match its checksum is
 * damaged (a truncated copy, a disk error, an edit): CRC32C detects every burst of up to 32 changed bits and
 * all but one in 2^32 other changes.
 */
final class JournalEntry {
    static final int HEADER_BYTES = 12;
    private static final byte[] MAGIC = "LSJ1".getBytes(StandardCharsets.US_ASCII);

    /** The payload of an intact entry, or {@code problem}: why the bytes are not one. */
    record Decoded(byte[] payload, String problem) {
        boolean intact() {
            return problem == null;
        }
    }

    private JournalEntry() {
    }

    static byte[] encode(byte[] payload) {
        return ByteBuffer.allocate(HEADER_BYTES + payload.length).put(MAGIC).putInt(payload.length)
                .putInt(crc(payload)).put(payload).array();
    }

    static Decoded decode(byte[] bytes) {
        if (bytes.length == 0) {
            return damaged("empty file");
        }
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return damaged("not a journal entry (no LSJ1 header; truncated, or written by an older lorasim)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.position(MAGIC.length);
        int length = buffer.getInt();
        int expected = buffer.getInt();
        if (length != bytes.length - HEADER_BYTES) {
            return damaged("truncated or padded: the header says " + length + " payload bytes, the file has "
                    + (bytes.length - HEADER_BYTES));
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER_BYTES, bytes.length);
        int actual = crc(payload);
        if (actual != expected) {
            return damaged(String.format("checksum mismatch (CRC32C %08x, the header says %08x)", actual, expected));
        }
        return new Decoded(payload, null);
    }

    private static Decoded damaged(String problem) {
        return new Decoded(null, problem);
    }

    private static int crc(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
