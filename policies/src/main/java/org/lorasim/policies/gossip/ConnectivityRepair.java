package org.lorasim.policies.gossip;

/**
 * What {@link Topologies#erdosRenyi} does when a draw of G(n, p) is disconnected. Dec-LoRA (Ghiasvand
 * et al., arXiv 2501.15361) runs on an Erdos-Renyi graph but its edge probability and how it handled a
 * disconnected draw are UNVERIFIED; this choice is therefore explicit in every call.
 */
public enum ConnectivityRepair {
    /** Keep the draw as it is, connected or not (time-varying gossip needs only a connected union). */
    NONE,
    /**
     * Draw again from the same stream until the graph is connected, at most a given number of draws;
     * the result is then exactly G(n, p) conditioned on connectivity. Fails (IllegalArgumentException)
     * when the bound is reached: p is too small for n.
     */
    RESAMPLE,
    /**
     * Keep the first draw and join its {@code c} components with {@code c - 1} edges, the fewest that
     * can connect them: components are ordered by their smallest node and component {@code k} is linked
     * to component {@code k + 1} through one uniformly drawn node of each. The result is no longer
     * exactly G(n, p) (it has a path-like backbone between components) but always succeeds in one draw.
     */
    JOIN_COMPONENTS
}
