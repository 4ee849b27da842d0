package org.lorasim.training.llama;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.training.model.LoraSpec;

/** Greedy decoding of stories260K from BOS against the sample published with the model (stories260K.md). */
class GoldenSampleTest {
    /** The published output of {@code ./run stories260K.bin -z tok512.bin -t 0.0} (256 steps from BOS). */
    static final String PUBLISHED = """
            Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, \
            she saw a big, red ball. She wanted to play with it, but it was too high.
            Lily's mom said, "Lily, let's go to the park." Lily was sad and didn't know what to do. She said, \
            "I want to play with your ball, but I can't find it."
            Lily was sad and didn't know what to do. She said, "I'm sorry, Lily. I didn't know what to do."
            Lily didn't want to help her mom, so she said, "I'm sorry, mom. I didn't know what to do." Her mom \
            said, "Don't worry, Lily. We can help you.""";

    @Test
    void greedyFromBosReproducesThePublishedSample() {
        // Prepare
        LlamaWeights weights = Stories260K.weights();
        Llama2cTokenizer tokenizer = Stories260K.tokenizer(weights);
        int[] published = tokenizer.encode(PUBLISHED, false, false);
        try (LlamaBase base = new LlamaBase(weights);
             LlamaModel model = new LlamaModel(base, LoraSpec.none(), new SplittableRandom(0))) {
            // Execute: run.c's 256 steps from BOS print 256 new tokens (the last one is never fed back)
            int[] generated = TextGenerator.generate(model, new int[] {Llama2cTokenizer.BOS}, 256,
                    TokenSampler.greedy(), Llama2cTokenizer.BOS, Llama2cTokenizer.EOS);
            String text = tokenizer.decode(generated, Llama2cTokenizer.BOS);

            // Assert
            System.out.println("stories260K greedy: " + generated.length + " tokens, published sample "
                    + published.length + " tokens (re-encoded)");
            assertThat(generated).hasSize(256);
            assertThat(text).isEqualTo(PUBLISHED);
            assertThat(generated).containsExactly(published);
        }
    }

    @Test
    void topPSamplingRepeatsWithItsSeedAndDiffersWithAnother() {
        // Prepare
        LlamaWeights weights = Stories260K.weights();
        Llama2cTokenizer tokenizer = Stories260K.tokenizer(weights);
        int[] prompt = tokenizer.encode("Once upon a time", true, false);
        try (LlamaBase base = new LlamaBase(weights);
             LlamaModel model = new LlamaModel(base, LoraSpec.none(), new SplittableRandom(0))) {
            // Execute: temperature 1, top-p 0.9, as the published run.c sample
            int[] a = TextGenerator.generate(model, prompt, 60, new TokenSampler(1, 0.9, new SplittableRandom(133742)),
                    Llama2cTokenizer.BOS, Llama2cTokenizer.EOS);
            int[] b = TextGenerator.generate(model, prompt, 60, new TokenSampler(1, 0.9, new SplittableRandom(133742)),
                    Llama2cTokenizer.BOS, Llama2cTokenizer.EOS);
            int[] c = TextGenerator.generate(model, prompt, 60, new TokenSampler(1, 0.9, new SplittableRandom(1)),
                    Llama2cTokenizer.BOS, Llama2cTokenizer.EOS);

            // Assert
            System.out.println("stories260K top-p 0.9: Once upon a time" + tokenizer.decode(a, prompt[prompt.length - 1]));
            assertThat(a).hasSizeGreaterThan(10).containsExactly(b);
            assertThat(c).isNotEqualTo(a);
        }
    }
}
