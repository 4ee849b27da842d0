package org.lorasim.policies.gossip;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.random.RngStreams;

/**
 * The communication graph of each round of a decentralized run. Dec-LoRA (Ghiasvand et al., arXiv
 * 2501.15361) uses one fixed graph ({@link #fixed}); time-varying graphs are the standard extension of
 * gossip averaging (e.g. Koloskova et al., "A Unified Theory of Decentralized SGD with Changing Topology",
 * arXiv 2003.10422).
 *
 * <p>Rounds are 0-based. Every graph of a schedule has {@link #nodeCount()} nodes, but a single round's
 * graph need not be connected: consensus only needs the union of the graphs over some window of rounds to
 * be connected ({@link #isJointlyConnected}). Build a round's mixing matrix with
 * {@code MixingMatrix.metropolisHastings(schedule.at(t), Connectivity.ALLOW_DISCONNECTED)}.
 */
public interface TopologySchedule {

    /** The graph of round {@code round} (0-based). */
    Topology at(int round);

    int nodeCount();

    /** The union of the graphs of rounds {@code from .. from + window - 1}. */
    default Topology unionOver(int from, int window) {
        Checks.nonNegative("first round", from);
        Checks.positive("window", window);
        Topology union = at(from);
        for (int t = from + 1; t < from + window; t++) {
            union = union.union(at(t));
        }
        return union;
    }

    /** Whether the union of the graphs of rounds {@code from .. from + window - 1} is connected. */
    default boolean isJointlyConnected(int from, int window) {
        return unionOver(from, window).isConnected();
    }

    /** The same graph every round. */
    static TopologySchedule fixed(Topology graph) {
        Objects.requireNonNull(graph, "graph");
        return cycling(List.of(graph));
    }

    /** Round {@code t} uses {@code graphs.get(t mod graphs.size())}; all graphs need the same node count. */
    static TopologySchedule cycling(List<Topology> graphs) {
        Checks.nonEmpty("graphs", graphs);
        List<Topology> copy = List.copyOf(graphs);
        int n = copy.get(0).nodeCount();
        for (int i = 0; i < copy.size(); i++) {
            Checks.require(copy.get(i).nodeCount() == n, "graph " + i + " of the cycle has "
                    + copy.get(i).nodeCount() + " nodes, graph 0 has " + n);
        }
        return new TopologySchedule() {
            @Override
            public Topology at(int round) {
                Checks.nonNegative("round", round);
                return copy.get(round % copy.size());
            }

            @Override
            public int nodeCount() {
                return n;
            }
        };
    }

    /**
     * A graph drawn afresh for each round by {@code draw}, from the stream {@code (purpose, round)} of
     * {@code streams}: the graph of round t depends on the run seed and t only, not on which rounds were
     * asked for before. Each draw must have {@code n} nodes.
     */
    static TopologySchedule redrawn(int n, RngStreams streams, String purpose,
                                    Function<RandomGenerator, Topology> draw) {
        Checks.positive("node count", n);
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(draw, "draw");
        Checks.require(purpose != null && !purpose.isEmpty(), "stream purpose must not be empty");
        return new TopologySchedule() {
            @Override
            public Topology at(int round) {
                Checks.nonNegative("round", round);
                Topology g = draw.apply(streams.stream(purpose, round));
                Checks.require(g.nodeCount() == n, "graph drawn for round " + round + " has "
                        + g.nodeCount() + " nodes, the schedule has " + n);
                return g;
            }

            @Override
            public int nodeCount() {
                return n;
            }
        };
    }

    /** A fresh G(n, p) each round, kept as drawn ({@link ConnectivityRepair#NONE}). */
    static TopologySchedule erdosRenyiPerRound(int n, double p, RngStreams streams, String purpose) {
        Checks.probability("edge probability p", p);
        return redrawn(n, streams, purpose, rng -> Topologies.erdosRenyi(n, p, rng, ConnectivityRepair.NONE));
    }
}
