package org.lorasim.policies.gossip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * How a client of a decentralized run combines its own adapter with those its neighbours sent, the
 * seam between gossip algorithms (Dec-LoRA, Ghiasvand et al., arXiv 2501.15361, and variants such as
 * quantized messages) and the runtime. Clients are numbered {@code 0 .. n-1} as in the
 * {@link MixingMatrix}.
 */
public interface GossipPolicy {

    /**
     * The adapter client {@code self} holds after mixing.
     *
     * @param self     the mixing client
     * @param own      its adapter (after its local steps)
     * @param received the adapters that arrived this round, by sender; only neighbours of {@code self},
     *                 never {@code self}; a neighbour absent from the map is treated as missing
     * @param w        the round's mixing matrix
     * @throws IllegalArgumentException for a sender that is not a neighbour, or adapters of another layout
     */
    Adapter mix(int self, Adapter own, Map<Integer, Adapter> received, MixingMatrix w);

    /** One synchronous round in which every message arrives: {@link #mixRound(List, MixingMatrix, Delivery)}. */
    default List<Adapter> mixRound(List<Adapter> adapters, MixingMatrix w) {
        return mixRound(adapters, w, (from, to) -> true);
    }

    /**
     * One synchronous round: every client {@code i} mixes the adapters of the round's start, its own and
     * those of its neighbours {@code j} for which {@code delivered.delivered(j, i)} holds.
     *
     * @param adapters the adapter of client {@code i} at index {@code i}; exactly {@code w.size()} of them
     * @return the adapters after mixing, in the same order
     */
    default List<Adapter> mixRound(List<Adapter> adapters, MixingMatrix w, Delivery delivered) {
        Objects.requireNonNull(adapters, "adapters");
        Objects.requireNonNull(w, "mixing matrix");
        Objects.requireNonNull(delivered, "delivered");
        Checks.require(adapters.size() == w.size(),
                "got " + adapters.size() + " adapters for a mixing matrix of " + w.size() + " clients");
        Topology graph = w.topology();
        List<Adapter> out = new ArrayList<>(adapters.size());
        for (int i = 0; i < adapters.size(); i++) {
            Map<Integer, Adapter> received = new TreeMap<>();
            for (int j : graph.neighbours(i)) {
                if (delivered.delivered(j, i)) {
                    received.put(j, adapters.get(j));
                }
            }
            out.add(mix(i, adapters.get(i), received, w));
        }
        return List.copyOf(out);
    }

    /** Whether the message from client {@code from} to client {@code to} arrives this round. */
    @FunctionalInterface
    interface Delivery {
        boolean delivered(int from, int to);
    }
}
