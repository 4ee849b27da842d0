package org.lorasim.training.llama;

import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.train.OptimizerSettings;

/**
 * One client's causal-LM fine-tuning job, the decoder's counterpart of {@code TrainingRequest}: start from
 * {@code adapter} (LoRA factors only, per-matrix ranks, one alpha and scaling), run {@code steps}
 * mini-batch steps over {@code examples} (shuffled passes from {@code seed}, as {@code BatchSampler}),
 * each sequence cut to {@code maxLength} predicted positions, with LoRA dropout masks from the same seed.
 * With {@code proximalMu > 0} the objective gains FedProx's {@code mu/2 ||theta - anchor||^2} over every
 * LoRA value, as in the encoder's {@code TrainingRequest}; {@code anchor} (the global adapter) must then
 * have the adapter's layout. The reported losses are the language-model loss alone.
 */
public record CausalLmRequest(Adapter adapter, List<CausalLmExample> examples, int steps, int batchSize,
                              OptimizerSettings optimizer, int maxLength, double loraDropout, long seed,
                              double proximalMu, Adapter anchor) {

    /** Without a proximal term. */
    public CausalLmRequest(Adapter adapter, List<CausalLmExample> examples, int steps, int batchSize,
                           OptimizerSettings optimizer, int maxLength, double loraDropout, long seed) {
        this(adapter, examples, steps, batchSize, optimizer, maxLength, loraDropout, seed, 0, null);
    }

    public CausalLmRequest {
        Objects.requireNonNull(adapter, "adapter");
        Checks.require(!adapter.lora().isEmpty(), "the adapter has no LoRA matrix to train");
        Checks.require(examples != null && !examples.isEmpty(), "examples must not be empty");
        examples = List.copyOf(examples);
        Checks.positive("steps", steps);
        Checks.positive("batch size", batchSize);
        Objects.requireNonNull(optimizer, "optimizer");
        Checks.positive("max length", maxLength);
        Checks.require(loraDropout >= 0 && loraDropout < 1, "LoRA dropout must be in [0, 1), got " + loraDropout);
        Checks.nonNegative("proximal mu", proximalMu);
        if (proximalMu > 0) {
            Checks.require(anchor != null, "proximal mu is " + proximalMu + " but no anchor adapter was given");
            adapter.requireSameLayout(anchor, "the proximal anchor");
        }
    }
}
