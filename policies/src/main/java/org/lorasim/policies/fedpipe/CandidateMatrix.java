package org.lorasim.policies.fedpipe;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * A frozen weight matrix FedPipe may adapt (Fang et al., arXiv 2404.06448): its name (the adapter key,
 * e.g. {@code layer.3.attention.query}), shape {@code out x in}, importance score and where it sits.
 * How the importance is measured is UNVERIFIED in the paper (an AdaLoRA-like sensitivity is the reading of
 * secondary sources); the planner only needs a finite score {@code >= 0}, larger meaning more useful, and
 * computing it (FedPipe's first stage) is the caller's job. {@code layer} and {@code type} (e.g. 3 and
 * {@code query}) are carried for reports and for callers that filter candidates; the planner ignores them.
 */
public record CandidateMatrix(String name, int inFeatures, int outFeatures, double importance, int layer, String type) {

    public CandidateMatrix {
        Checks.require(name != null && !name.isBlank(), "candidate matrix name must not be empty");
        Checks.positive("inFeatures of candidate '" + name + "'", inFeatures);
        Checks.positive("outFeatures of candidate '" + name + "'", outFeatures);
        Checks.nonNegative("importance of candidate '" + name + "'", importance);
        Checks.nonNegative("layer of candidate '" + name + "'", layer);
        Objects.requireNonNull(type, "type");
    }

    /** A candidate with no layer or type information. */
    public static CandidateMatrix of(String name, int inFeatures, int outFeatures, double importance) {
        return new CandidateMatrix(name, inFeatures, outFeatures, importance, 0, "");
    }

    /** LoRA parameters at rank r: {@code r (in + out)}. */
    public long adapterParameters(int rank) {
        return Math.multiplyExact((long) rank, (long) inFeatures + outFeatures);
    }

    /** The largest rank a LoRA factorisation of this matrix can have: {@code min(in, out)}. */
    public int maxRank() {
        return Math.min(inFeatures, outFeatures);
    }
}
