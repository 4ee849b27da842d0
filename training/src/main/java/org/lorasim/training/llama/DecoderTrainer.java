package org.lorasim.training.llama;

import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.training.train.BatchSampler;
import org.lorasim.training.train.SlotTrainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * The decoder behind the trainer slots' {@link SlotTrainer} contract: a {@link TrainingRequest} (the one every
 * algorithm builds) becomes a {@link CausalLmRequest} for {@link CausalLmTrainer}. The examples' texts are
 * tokenized by {@link DecoderTexts} (instruction texts train on the response alone); steps, batch size,
 * optimiser, maximum length (predicted positions per sequence), LoRA dropout, proximal term and seed carry over;
 * {@code epochs} become {@code epochs * ceil(n / batch)} steps. The decoder's base is held in fp32 only: a
 * request for a quantized base is refused.
 */
public final class DecoderTrainer implements SlotTrainer {
    private final CausalLmTrainer trainer;
    private final TextTokenizer tokenizer;

    public DecoderTrainer(LlamaBase base, TextTokenizer tokenizer) {
        this.trainer = new CausalLmTrainer(base);
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    }

    @Override
    public TrainingResult train(TrainingRequest request) {
        Checks.require(request.basePrecision().equals(TrainingRequest.FULL_PRECISION), "a decoder's base is held in "
                + TrainingRequest.FULL_PRECISION + " only; the request asks for " + request.basePrecision());
        Checks.require(request.adapter().dense().isEmpty(), "a decoder's adapter holds LoRA factors only; this one "
                + "also has " + request.adapter().dense().keySet());
        List<CausalLmExample> examples = DecoderTexts.encode(tokenizer, request.examples(), request.maxLength());
        int steps = request.steps() > 0 ? request.steps()
                : request.epochs() * new BatchSampler(examples.size(), request.batchSize(),
                new java.util.SplittableRandom(0)).batchesPerPass();
        return trainer.train(new CausalLmRequest(request.adapter(), examples, steps, request.batchSize(),
                request.optimizer(), request.maxLength(), request.loraDropout(), request.seed(), request.proximalMu(),
                request.anchor()));
    }

    @Override
    public void close() {
        trainer.close();
    }
}
