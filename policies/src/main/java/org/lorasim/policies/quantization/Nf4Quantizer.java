package org.lorasim.policies.quantization;

/**
 * NormalFloat4 block quantization of QLoRA (Dettmers et al., arXiv 2305.14314): the row-major flattened
 * matrix is cut into blocks of {@code blockSize} entries (64 in QLoRA), each block is divided by its absmax
 * (stored as a float32 scale) and every entry is coded as one of the 16 {@link Nf4Levels}.
 *
 * <p>Round-to-nearest picks the nearest level, so {@code |x - x^| <= absmax * gap / 2} where gap is the
 * distance between the two levels around {@code x / absmax}; at worst {@code absmax *}
 * {@link Nf4Levels#MAX_HALF_GAP} (about 0.1519, from the gap between -1 and -0.6962). Stochastic rounding
 * picks the upper of the two levels around {@code v} with probability {@code (v - lower) / (upper - lower)},
 * which is unbiased. Bytes: 4 bits per entry packed as in {@link QuantFormat}, plus 4 bytes per block.
 * QLoRA's double quantization of the block scales (8-bit scales of scales) is left out: scales stay
 * float32, 0.5 bit per entry at block size 64.
 */
final class Nf4Quantizer extends AbsmaxGroupQuantizer {

    Nf4Quantizer(Rounding rounding, int blockSize) {
        super(QuantFormat.NF4, rounding, blockSize);
    }

    @Override
    float scaleFor(double absmax) {
        return (float) absmax;
    }

    @Override
    int nearestCode(double v) {
        return Nf4Levels.nearest(v);
    }

    @Override
    int stochasticCode(double v, double u) {
        int lower = Nf4Levels.floorCode(v);
        double lo = Nf4Levels.level(lower);
        double hi = Nf4Levels.level(lower + 1);
        double up = (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo);
        return u < up ? lower + 1 : lower;
    }

    @Override
    int zeroCode() {
        return Nf4Levels.ZERO_CODE;
    }
}
