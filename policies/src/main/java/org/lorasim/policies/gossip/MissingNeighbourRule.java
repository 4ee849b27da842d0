package org.lorasim.policies.gossip;

/**
 * What a client does with the weight of a neighbour whose adapter did not arrive this round (lost
 * message, crashed or late neighbour). Dec-LoRA (Ghiasvand et al., arXiv 2501.15361) assumes every
 * message arrives; this rule is our extension for failure simulation. Both rules keep the row of
 * effective weights stochastic (nonnegative, summing to 1), so a client's result stays an average.
 */
public enum MissingNeighbourRule {
    /**
     * Add the missing neighbours' weights to the self weight: {@code q'_ii = q_ii + sum_{j missing} q_ij},
     * other weights unchanged. When a link fails in both directions this is mixing with Q minus that edge,
     * again symmetric and doubly stochastic, so the network average is preserved exactly.
     */
    WEIGHT_TO_SELF,
    /**
     * Divide the weights of self and the neighbours that arrived by their sum:
     * {@code q'_ij = q_ij / (q_ii + sum_{k arrived} q_ik)}. The relative weights of what arrived are kept;
     * the network average is in general not preserved.
     */
    RENORMALISE
}
