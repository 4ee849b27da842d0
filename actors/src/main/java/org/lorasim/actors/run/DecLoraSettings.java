package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import org.lorasim.actors.gossip.GossipNetwork;
import org.lorasim.actors.gossip.GossipSettings;
import org.lorasim.actors.profile.ConfigReading;
import org.lorasim.policies.gossip.ConnectivityRepair;
import org.lorasim.policies.gossip.MissingNeighbourRule;
import org.lorasim.policies.gossip.Topologies;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.policies.gossip.Topology;
import org.lorasim.policies.random.RngStreams;

/**
 * {@code lorasim.algorithms.dec-lora}: the graph, the mixing matrix and the gossip protocol of a decentralized
 * run (Dec-LoRA, Ghiasvand et al., arXiv:2501.15361).
 */
public record DecLoraSettings(String topology, int degree, double probability, int torusRows, String mixing,
                              String mode, long iterationTimeoutNanos, String quantization, String missingNeighbour) {
    private static final String ROOT = "lorasim.algorithms.dec-lora";

    static DecLoraSettings from(Config c) {
        String topology = ConfigReading.oneOf(c, ROOT + ".topology", List.of("ring", "path", "torus", "star",
                "complete", "random-regular", "erdos-renyi"));
        double timeout = ConfigReading.seconds(c, ROOT + ".iteration-timeout");
        if (timeout <= 0) {
            throw bad(c, ROOT + ".iteration-timeout", "must be > 0");
        }
        return new DecLoraSettings(topology, RunSettings.atLeast(c, ROOT + ".degree", 1),
                ConfigReading.probability(c, ROOT + ".probability"), RunSettings.atLeast(c, ROOT + ".torus-rows", 0),
                ConfigReading.oneOf(c, ROOT + ".mixing", List.of("metropolis-hastings", "laplacian")),
                ConfigReading.oneOf(c, ROOT + ".mode", List.of("synchronous", "asynchronous")),
                Math.round(timeout * 1e9),
                ConfigReading.oneOf(c, ROOT + ".message-quantization", List.of("none", "fp16", "int8", "int4", "nf4")),
                ConfigReading.oneOf(c, ROOT + ".missing-neighbour", List.of("weight-to-self", "renormalise")));
    }

    /** The graph over {@code n} clients; random graphs draw from {@code random}. */
    Topology topology(int n, RandomGenerator random) {
        return switch (topology) {
            case "ring" -> Topologies.ring(n);
            case "path" -> Topologies.path(n);
            case "torus" -> {
                int rows = torusRows > 0 ? torusRows : (int) Math.floor(Math.sqrt(n));
                while (n % rows != 0) {
                    rows--;
                }
                yield Topologies.torus(rows, n / rows);
            }
            case "star" -> Topologies.star(n);
            case "complete" -> Topologies.complete(n);
            case "random-regular" -> Topologies.randomRegular(n, degree, random);
            default -> Topologies.erdosRenyi(n, probability, random, ConnectivityRepair.JOIN_COMPONENTS);
        };
    }

    /** The graph of a run over {@code n} clients with {@code seed}: random graphs from its "topology" stream. */
    public Topology topologyFor(int n, long seed) {
        return topology(n, new RngStreams(seed).stream("topology"));
    }

    /**
     * One line on the run's gossip graph and how fast it mixes, for the terminal: the topology, its edges, the
     * mixing rule and the mixing matrix's spectral gap {@code 1 - |lambda_2(W)|}. The consensus distance of
     * plain gossip shrinks by about {@code |lambda_2|} per averaging step (Boyd et al., "Randomized gossip
     * algorithms", IEEE Trans. Inf. Theory 2006), so a larger gap means faster consensus; it depends on the
     * mixing rule as much as on the graph (a sparse Erdos-Renyi graph with the Laplacian rule can mix more
     * slowly than a ring with Metropolis-Hastings weights).
     */
    public String describe(int n, long seed) {
        Topology graph = topologyFor(n, seed);
        MixingMatrix w = mixingKind().of(graph);
        return String.format(Locale.ROOT, "gossip graph: %s over %d clients, %d edges, %s mixing, spectral gap"
                + " 1 - |lambda_2| = %.4f", topology, n, graph.edgeCount(), mixing, w.spectralGap());
    }

    GossipNetwork.MixingKind mixingKind() {
        return mixing.equals("laplacian") ? GossipNetwork.MixingKind.LAPLACIAN
                : GossipNetwork.MixingKind.METROPOLIS_HASTINGS;
    }

    GossipSettings gossip(int iterations, int localSteps, String basePrecision, long seed) {
        GossipSettings s = GossipSettings.synchronous(iterations, localSteps, iterationTimeoutNanos, seed)
                .withMode(GossipSettings.Mode.valueOf(mode.toUpperCase(Locale.ROOT)))
                .withMissingRule(MissingNeighbourRule.valueOf(missingNeighbour.replace('-', '_').toUpperCase(Locale.ROOT)));
        s = quantization.equals("none") ? s : s.withMessageQuantizer(quantization);
        return new GossipSettings(s.iterations(), s.localSteps(), s.mode(), s.iterationTimeout(), s.messageQuantizer(),
                s.missingRule(), basePrecision, s.seed());
    }
}
