package org.lorasim.policies.adapter;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of adapters' values: hex SHA-256 over their flat float32 values ({@link Adapter#flatten()},
 * IEEE bits, big-endian) in the order given. Equal digests mean bit-identical adapters, which is what a
 * seeded run promises; run records carry them as checksums, and a training journal names jobs by them.
 */
public final class AdapterDigest {

    private AdapterDigest() {
    }

    public static String of(List<Adapter> adapters) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        for (Adapter a : adapters) {
            float[] flat = a.flatten();
            ByteBuffer buffer = ByteBuffer.allocate(flat.length * Float.BYTES);
            buffer.asFloatBuffer().put(flat);
            sha.update(buffer.array());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    public static String of(Adapter adapter) {
        return of(List.of(adapter));
    }
}
