package org.lorasim.actors.serialization;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float arrays as raw little-endian IEEE 754 bits, 4 bytes a value, without a length prefix (the reader
 * knows the count from the shape written before).
 *
 * <p>This is the layout of Kryo's {@code Output.writeFloats}, which however goes through
 * {@code Float.floatToIntBits} and so folds every NaN into the canonical {@code 0x7fc00000}; the NaN that
 * x86 produces for {@code 0 * inf} is {@code 0xffc00000}. Adapters must arrive bit-identical (runs are
 * compared bit for bit), so the bits are copied with {@link ByteBuffer}'s raw conversion instead.
 */
final class RawFloats {
    /** Copy through a scratch array of this many bytes at a time. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private RawFloats() {
    }

    static void write(Output output, float[] values) {
        int chunkFloats = Math.min(values.length, CHUNK_BYTES / Float.BYTES);
        if (chunkFloats == 0) {
            return;
        }
        byte[] chunk = new byte[chunkFloats * Float.BYTES];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < values.length; at += chunkFloats) {
            int n = Math.min(chunkFloats, values.length - at);
            bytes.clear();
            bytes.asFloatBuffer().put(values, at, n);
            output.writeBytes(chunk, 0, n * Float.BYTES);
        }
    }

    static float[] read(Input input, int count) {
        long needed = (long) count * Float.BYTES;
        if (input.getInputStream() == null && needed > input.limit() - input.position()) {
            throw new KryoException("corrupt or truncated message: " + count + " floats announced but only "
                    + (input.limit() - input.position()) + " bytes left");
        }
        float[] values = new float[count];
        int chunkFloats = Math.min(count, CHUNK_BYTES / Float.BYTES);
        if (chunkFloats == 0) {
            return values;
        }
        byte[] chunk = new byte[chunkFloats * Float.BYTES];
        ByteBuffer bytes = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < count; at += chunkFloats) {
            int n = Math.min(chunkFloats, count - at);
            input.readBytes(chunk, 0, n * Float.BYTES);
            bytes.clear();
            bytes.asFloatBuffer().get(values, at, n);
        }
        return values;
    }
}
