package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingResult;

/**
 * LoRA on TinyShakespeare lowers stories260K's held-out perplexity (the figure of docs/decoders.md). The
 * text is read straight from the mirror ({@code ../shared/datasets/tinyshakespeare/input.txt}); speeches
 * (blocks between blank lines) become examples of at most 64 predicted tokens: the first 400 train, the
 * last 40 are held out.
 */
class TinyShakespeareTest {
    @Test
    void loraOnShakespeareLowersStories260KHeldOutPerplexityByAFifth() throws IOException {
        // Prepare
        Path text = Stories260K.folder().resolve("../../datasets/tinyshakespeare/input.txt").normalize();
        assumeTrue(Files.isRegularFile(text), "TinyShakespeare is not at " + text + ": run from a checkout with "
                + "shared/datasets beside it");
        LlamaWeights w = Stories260K.weights();
        Llama2cTokenizer tok = Stories260K.tokenizer(w);
        List<String> speeches = Arrays.stream(Files.readString(text).split("\n\n")).filter(s -> !s.isBlank()).toList();
        List<CausalLmExample> train = new ArrayList<>();
        for (String s : speeches.subList(0, 400)) {
            train.add(CausalLmExample.text(tok.encode(s, true, false)));
        }
        List<CausalLmExample> heldOut = new ArrayList<>();
        for (String s : speeches.subList(speeches.size() - 40, speeches.size())) {
            heldOut.add(CausalLmExample.text(tok.encode(s, true, false)));
        }
        try (LlamaBase base = new LlamaBase(w); CausalLmTrainer trainer = new CausalLmTrainer(base)) {
            Adapter start = trainer.initialAdapter(CausalLmTrainerTest.ALL_SEVEN, 1);

            // Execute: 80 steps of 8 speeches, rank 4 on all seven matrices, AdamW 3e-3
            double before = perplexity(base, start, heldOut);
            TrainingResult r = trainer.train(new CausalLmRequest(start, train, 80, 8, OptimizerSettings.adamW(3e-3, 0),
                    64, 0, 7));
            double after = perplexity(base, r.adapter(), heldOut);

            // Assert
            System.out.printf("TinyShakespeare: stories260K held-out perplexity %.3f -> %.3f (%.1f%% lower), %d steps, "
                    + "%.0f ms/step, %d adapter values%n", before, after, 100 * (1 - after / before), r.steps(),
                    r.millisPerStep(), r.adapter().parameterCount());
            assertThat(after).isLessThan(0.8 * before);
        }
    }

    private static double perplexity(LlamaBase base, Adapter adapter, List<CausalLmExample> heldOut) {
        try (LlamaModel m = new LlamaModel(base, CausalLmTrainer.specOf(adapter, 0), new SplittableRandom(0))) {
            m.loadAdapter(adapter);
            return Perplexity.of(m, heldOut, 8, 64);
        }
    }
}
