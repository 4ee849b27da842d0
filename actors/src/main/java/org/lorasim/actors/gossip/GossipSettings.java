package org.lorasim.actors.gossip;

import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.gossip.MissingNeighbourRule;
import org.lorasim.policies.quantization.Quantizer;
import org.lorasim.policies.quantization.Quantizers;

/**
 * The run-wide settings of a decentralized (Dec-LoRA, Ghiasvand, Alizadeh, Pedarsani, arXiv 2501.15361)
 * gossip run, shared by every {@link GossipNode}.
 *
 * @param iterations       gossip iterations per node ({@code T} of the paper), {@code >= 1}
 * @param localSteps       local mini-batch steps before each exchange ({@code K}), {@code >= 1}
 * @param mode             {@link Mode#SYNCHRONOUS} (the paper's rounds) or {@link Mode#ASYNCHRONOUS} (our extension)
 * @param iterationTimeout simulated nanoseconds a synchronous node waits, after sending, for its
 *                         neighbours' adapters of the same iteration, {@code > 0}; unused when asynchronous
 * @param messageQuantizer a {@link Quantizers#byName} name for the adapters on the wire ({@code int8},
 *                         {@code nf4}, ...), or {@code null} for full precision. Quantized messages are
 *                         UNVERIFIED for Dec-LoRA (PAPERS.md): our extension
 * @param missingRule      what a node does with the weight of a neighbour whose adapter is missing
 * @param basePrecision    the frozen base model's precision for local training ({@code fp32}, {@code nf4}, ...)
 * @param seed             the run's seed; stochastic message rounding draws from
 *                         {@code RngStreams(seed).stream("gossip-quantize", node, iteration)}
 */
public record GossipSettings(int iterations, int localSteps, Mode mode, long iterationTimeout,
                             String messageQuantizer, MissingNeighbourRule missingRule, String basePrecision,
                             long seed) {

    /** How a node waits for its neighbours. */
    public enum Mode {
        /** Dec-LoRA's rounds: train, send, wait for every neighbour's adapter of the iteration (or the timeout), mix. */
        SYNCHRONOUS,
        /** Train, mix with whatever arrived since the last mix, send, go on: nobody waits. */
        ASYNCHRONOUS
    }

    public GossipSettings {
        Checks.positive("gossip iterations", iterations);
        Checks.positive("local steps", localSteps);
        Objects.requireNonNull(mode, "mode");
        Checks.require(iterationTimeout > 0, "iteration timeout must be > 0 ns, got " + iterationTimeout);
        if (messageQuantizer != null) {
            Quantizers.byName(messageQuantizer);
        }
        Objects.requireNonNull(missingRule, "missing-neighbour rule");
        Checks.require(basePrecision != null && !basePrecision.isBlank(),
                "base precision must not be blank, got '" + basePrecision + "'");
    }

    /** Synchronous, full-precision messages, missing weight to self, fp32 base. */
    public static GossipSettings synchronous(int iterations, int localSteps, long iterationTimeout, long seed) {
        return new GossipSettings(iterations, localSteps, Mode.SYNCHRONOUS, iterationTimeout, null,
                MissingNeighbourRule.WEIGHT_TO_SELF, "fp32", seed);
    }

    public GossipSettings withMode(Mode newMode) {
        return new GossipSettings(iterations, localSteps, newMode, iterationTimeout, messageQuantizer, missingRule,
                basePrecision, seed);
    }

    public GossipSettings withMessageQuantizer(String name) {
        return new GossipSettings(iterations, localSteps, mode, iterationTimeout, name, missingRule, basePrecision,
                seed);
    }

    public GossipSettings withMissingRule(MissingNeighbourRule rule) {
        return new GossipSettings(iterations, localSteps, mode, iterationTimeout, messageQuantizer, rule,
                basePrecision, seed);
    }

    /** The quantizer of messages, or {@code null} for full precision. */
    public Quantizer quantizer() {
        return messageQuantizer == null ? null : Quantizers.byName(messageQuantizer);
    }
}
