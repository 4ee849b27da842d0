package org.lorasim.training.llama;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.InstructionTemplate;

/**
 * Held-out quality of a decoder's adapter: {@link Perplexity} over the held-out texts (tokenized once, as
 * {@link DecoderTexts} does for training, batches of {@value #BATCH}), and sampled continuations of the first
 * {@code samples} held-out examples: an instruction example's prompt, or a plain text's first
 * {@value #PLAIN_PROMPT_TOKENS} tokens, continued for up to {@code maxNewTokens} tokens with temperature
 * {@value #TEMPERATURE} and top-p {@value #TOP_P} from {@code SplittableRandom(seed + i)} for the i-th prompt.
 * Both are pure functions of the adapter.
 */
public final class DecoderEvaluator {
    static final int BATCH = 16;
    static final int PLAIN_PROMPT_TOKENS = 8;
    static final double TEMPERATURE = 0.8;
    static final double TOP_P = 0.9;

    /** One sampled continuation: the prompt as text and what the model wrote after it. */
    public record Sample(String prompt, String completion) {
    }

    private final LlamaBase base;
    private final TextTokenizer tokenizer;
    private final List<CausalLmExample> heldOut;
    private final List<int[]> prompts = new ArrayList<>();
    private final List<String> promptTexts = new ArrayList<>();
    private final int maxLength;
    private final int maxNewTokens;
    private final long seed;

    public DecoderEvaluator(LlamaBase base, TextTokenizer tokenizer, List<Example> heldOut, int maxLength,
                            int samples, int maxNewTokens, long seed) {
        this.base = Objects.requireNonNull(base, "base");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        Checks.nonEmpty("held-out examples", heldOut);
        Checks.nonNegative("samples", samples);
        this.heldOut = DecoderTexts.encode(tokenizer, heldOut, maxLength);
        this.maxLength = maxLength;
        this.maxNewTokens = maxNewTokens;
        this.seed = seed;
        for (Example e : heldOut.subList(0, Math.min(samples, heldOut.size()))) {
            Optional<InstructionTemplate.Parts> parts = InstructionTemplate.split(e.text());
            int[] ids = parts.isPresent() ? DecoderTexts.prompt(tokenizer, parts.get().prompt(), maxLength)
                    : java.util.Arrays.copyOf(tokenizer.encode(e.text(), true, false),
                    Math.min(PLAIN_PROMPT_TOKENS + 1, tokenizer.encode(e.text(), true, false).length));
            prompts.add(ids);
            promptTexts.add(parts.isPresent() ? parts.get().prompt() : tokenizer.decode(
                    java.util.Arrays.copyOfRange(ids, 1, ids.length), tokenizer.bos()));
        }
    }

    /** Perplexity of the held-out texts under the base with {@code adapter}. */
    public double perplexity(Adapter adapter) {
        try (LlamaModel model = model(adapter)) {
            return Perplexity.of(model, heldOut, BATCH, maxLength);
        }
    }

    /** The sampled continuations of the held-out prompts under the base with {@code adapter}. */
    public List<Sample> samples(Adapter adapter) {
        List<Sample> out = new ArrayList<>();
        try (LlamaModel model = model(adapter)) {
            for (int i = 0; i < prompts.size(); i++) {
                int[] prompt = prompts.get(i);
                int[] generated = TextGenerator.generate(model, prompt, maxNewTokens,
                        new TokenSampler(TEMPERATURE, TOP_P, new SplittableRandom(seed + i)), tokenizer.bos(), tokenizer.eos());
                out.add(new Sample(promptTexts.get(i), tokenizer.decode(generated, prompt[prompt.length - 1])));
            }
        }
        return out;
    }

    private LlamaModel model(Adapter adapter) {
        LlamaModel model = new LlamaModel(base, CausalLmTrainer.specOf(adapter, 0), new SplittableRandom(0));
        model.loadAdapter(adapter);
        return model;
    }
}
