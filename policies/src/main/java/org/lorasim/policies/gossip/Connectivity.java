package org.lorasim.policies.gossip;

/**
 * Whether a {@link MixingMatrix} may be built on a disconnected graph. A fixed-graph run (Dec-LoRA,
 * Ghiasvand et al., arXiv 2501.15361) needs a connected graph, or the clients never reach consensus;
 * one round of a time-varying schedule may be disconnected as long as the union over a window is not.
 */
public enum Connectivity {
    /** Reject a disconnected graph with an IllegalArgumentException naming its component count. */
    REQUIRE_CONNECTED,
    /** Accept any graph; the spectral gap of a disconnected graph's matrix is 0. */
    ALLOW_DISCONNECTED
}
