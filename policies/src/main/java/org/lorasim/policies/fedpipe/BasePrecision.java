package org.lorasim.policies.fedpipe;

import org.lorasim.policies.Checks;
import org.lorasim.policies.quantization.Quantizers;

/**
 * One storage precision the frozen base model may be held in on a client: a name, the bit width (which
 * ranks precisions: more bits is more precise), the exact bytes of the stored base weights and the extra
 * FLOPs per training step the format costs (dequantizing weights before each matmul; 0 by default).
 * FedPipe (Fang et al., arXiv 2404.06448) quantizes the frozen model per server with NormalFloat; its set
 * of bit widths is UNVERIFIED, so the caller chooses, e.g. {fp16, int8, nf4}.
 *
 * <p>Exact byte counts: the factories assume the whole model is quantized as one flattened tensor. A
 * caller with per-matrix layouts can sum {@code Quantizer.byteSize(rows, cols)} over its matrices and use
 * the canonical constructor.
 */
public record BasePrecision(String name, int bits, long weightBytes, long extraFlopsPerStep) {

    public BasePrecision {
        Checks.require(name != null && !name.isBlank(), "precision name must not be empty");
        Checks.positive("bits of precision '" + name + "'", bits);
        Checks.require(weightBytes > 0, "weightBytes of precision '" + name + "' must be > 0, got " + weightBytes);
        Checks.require(extraFlopsPerStep >= 0,
                "extraFlopsPerStep of precision '" + name + "' must be >= 0, got " + extraFlopsPerStep);
    }

    /** {@code bits} per weight and nothing else: {@code ceil(parameters * bits / 8)} bytes (fp32, fp16, bf16). */
    public static BasePrecision uniform(String name, int bits, long parameters) {
        checkParameters(parameters);
        Checks.positive("bits", bits);
        return new BasePrecision(name, bits, (Math.multiplyExact(parameters, bits) + 7) / 8, 0);
    }

    /** fp16: 2 bytes per weight. */
    public static BasePrecision fp16(long parameters) {
        return uniform("fp16", 16, parameters);
    }

    /** int8 with one float32 scale per {@code groupSize} weights: {@code N + 4 ceil(N / groupSize)} bytes. */
    public static BasePrecision int8(long parameters, int groupSize) {
        checkParameters(parameters);
        Checks.positive("groupSize", groupSize);
        return new BasePrecision("int8", 8, Math.addExact(parameters, 4 * ((parameters + groupSize - 1) / groupSize)), 0);
    }

    /**
     * int4 (symmetric, 4 bits per weight) with one float32 scale per {@code groupSize} weights:
     * {@code ceil(N / 2) + 4 ceil(N / groupSize)} bytes, the same storage as {@link #nf4(long, int)}.
     */
    public static BasePrecision int4(long parameters, int groupSize) {
        checkParameters(parameters);
        Checks.positive("groupSize", groupSize);
        return new BasePrecision("int4", 4, Math.addExact((parameters + 1) / 2, 4 * ((parameters + groupSize - 1) / groupSize)), 0);
    }

    /**
     * NF4 as in QLoRA with float32 block scales (no double quantization):
     * {@code ceil(N / 2) + 4 ceil(N / blockSize)} bytes.
     */
    public static BasePrecision nf4(long parameters, int blockSize) {
        checkParameters(parameters);
        Checks.positive("blockSize", blockSize);
        return new BasePrecision("nf4", 4, Math.addExact((parameters + 1) / 2, 4 * ((parameters + blockSize - 1) / blockSize)), 0);
    }

    /** NF4 with QLoRA's block size 64. */
    public static BasePrecision nf4(long parameters) {
        return nf4(parameters, Quantizers.DEFAULT_NF4_BLOCK_SIZE);
    }

    /** The same precision with a dequantization cost in FLOPs per training step. */
    public BasePrecision withExtraFlopsPerStep(long flops) {
        return new BasePrecision(name, bits, weightBytes, flops);
    }

    private static void checkParameters(long parameters) {
        Checks.require(parameters > 0, "base model parameters must be > 0, got " + parameters);
    }
}
