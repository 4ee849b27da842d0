package org.lorasim.actors.run;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.lorasim.policies.adapter.Adapter;

/**
 * A short fingerprint of adapters' values: the first 16 hex digits of SHA-256 over their flat float32 values
 * (bit patterns, big-endian) in the order given. Equal checksums mean bit-identical models, which is what
 * the determinism of a seeded run promises.
 */
public final class ModelChecksum {

    private ModelChecksum() {
    }

    public static String of(Iterable<Adapter> adapters) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks SHA-256", e);
        }
        for (Adapter adapter : adapters) {
            float[] values = adapter.flatten();
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES);
            buffer.asFloatBuffer().put(values);
            digest.update(buffer.array());
        }
        return HexFormat.of().formatHex(digest.digest(), 0, 8);
    }

    public static String of(Adapter adapter) {
        return of(java.util.List.of(adapter));
    }
}
