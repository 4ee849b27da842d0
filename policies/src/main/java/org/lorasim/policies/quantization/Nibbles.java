package org.lorasim.policies.quantization;

/**
 * Packing of 4-bit codes over a flat array: entry {@code i} lives in byte {@code i / 2}, the even entry in
 * the high nibble and the odd entry in the low nibble (the bitsandbytes order).
 */
final class Nibbles {
    private Nibbles() {
    }

    static byte[] allocate(long entries) {
        return new byte[Math.toIntExact((entries + 1) / 2)];
    }

    static void set(byte[] packed, int index, int code) {
        int at = index >>> 1;
        if ((index & 1) == 0) {
            packed[at] = (byte) ((packed[at] & 0x0F) | ((code & 0x0F) << 4));
        } else {
            packed[at] = (byte) ((packed[at] & 0xF0) | (code & 0x0F));
        }
    }

    /** The unsigned nibble 0..15 of entry {@code index}. */
    static int get(byte[] packed, int index) {
        int b = packed[index >>> 1];
        return (index & 1) == 0 ? (b >>> 4) & 0x0F : b & 0x0F;
    }

    /** The nibble of entry {@code index} read as a two's complement number in [-8, 7]. */
    static int getSigned(byte[] packed, int index) {
        int v = get(packed, index);
        return v >= 8 ? v - 16 : v;
    }
}
