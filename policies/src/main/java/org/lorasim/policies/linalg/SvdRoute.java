package org.lorasim.policies.linalg;

/**
 * How a top-k SVD of a low-rank sum is computed. Both give the same singular values and the same
 * rank-r reconstructions (up to rounding, and up to the basis chosen for zero singular values).
 */
public enum SvdRoute {
    /** {@link FactoredSvd}: QR of the stacked factors and an R x R core; never forms the matrix. */
    FACTORED {
        @Override
        public TruncatedSvd topK(LowRankSum sum, int k) {
            return FactoredSvd.topK(sum, k);
        }
    },
    /**
     * {@link GramSvd}: Gram matrices of the stacked factors, a pivoted Cholesky and an R x R symmetric
     * eigenproblem; never forms the matrix; the fast route at LLM size, resolving singular values down to
     * about {@code sqrt(R eps) sigma_1}.
     */
    GRAM {
        @Override
        public TruncatedSvd topK(LowRankSum sum, int k) {
            return GramSvd.topK(sum, k);
        }
    },
    /** {@link FullSvd}: forms the rows x cols matrix and decomposes it; the reference. */
    FULL {
        @Override
        public TruncatedSvd topK(LowRankSum sum, int k) {
            return FullSvd.topK(sum, k);
        }
    };

    /** The top-k singular triplets of {@code sum}; k in [1, min(rows, cols)]. */
    public abstract TruncatedSvd topK(LowRankSum sum, int k);
}
