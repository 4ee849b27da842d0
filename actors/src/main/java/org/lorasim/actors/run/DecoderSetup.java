package org.lorasim.actors.run;

import static org.lorasim.actors.profile.ConfigReading.bad;

import java.nio.file.Path;
import java.util.List;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.llama.CausalLmTrainer;
import org.lorasim.training.llama.DecoderCheckpoint;
import org.lorasim.training.llama.DecoderEvaluator;
import org.lorasim.training.llama.LlamaConfig;
import org.lorasim.training.llama.LlamaWeights;
import org.lorasim.actors.trainer.SharedDecoderBase;

/**
 * What a run with {@code lorasim.model.kind = decoder} needs beyond the encoder's path: the checkpoint named by
 * {@code lorasim.model.checkpoint} (and {@code tokenizer}), checked with errors naming the key and the file;
 * the rank checked against the targeted matrices' sides; and the {@link ModelEvaluator} that reports held-out
 * perplexity and sampled generations ({@code lorasim.model.samples}, {@code sample-tokens}, seeded by
 * {@code RngStreams(seed).seed("samples", 0)}).
 */
final class DecoderSetup {
    private static final String CHECKPOINT = "lorasim.model.checkpoint";

    private DecoderSetup() {
    }

    /** The checkpoint's files, found (not read); a missing file is an error at the key that names it. */
    static DecoderCheckpoint checkpoint(RunSettings s) {
        Path file = s.model().checkpoint().orElseThrow().toAbsolutePath().normalize();
        try {
            return DecoderCheckpoint.locate(file, s.model().tokenizer().map(t -> t.toAbsolutePath().normalize()));
        } catch (IllegalArgumentException e) {
            boolean tokenizer = s.model().tokenizer().isPresent() && e.getMessage().startsWith("tokenizer file");
            throw bad(s.config(), tokenizer ? "lorasim.model.tokenizer" : CHECKPOINT, e.getMessage(), e);
        }
    }

    /**
     * For {@code validate} and before a run: the checkpoint and its tokenizer read (names, shapes, lengths),
     * the rank at most the smaller side of every targeted matrix, the sample counts in range.
     */
    static LlamaConfig check(RunSettings s) {
        DecoderCheckpoint checkpoint = checkpoint(s);
        LlamaConfig config;
        try {
            config = checkpoint.check();
        } catch (RuntimeException e) {
            throw bad(s.config(), CHECKPOINT, e.getMessage(), e);
        }
        int smallest = Integer.MAX_VALUE;
        for (String target : s.model().targets()) {
            int[] shape = LlamaWeights.expectedShapes(config).get(LlamaWeights.layerPrefix(0)
                    + (List.of("gate", "up", "down").contains(target) ? "ffn." : "attention.") + target);
            smallest = Math.min(smallest, Math.min(shape[0], shape[1]));
        }
        if (s.model().rank() > smallest) {
            throw bad(s.config(), "lorasim.model.rank", "must be <= " + smallest + ", the smaller side of the "
                    + "smallest targeted matrix of " + checkpoint.checkpoint() + " (dim " + config.dim() + ", kv dim "
                    + config.kvDim() + "), got " + s.model().rank());
        }
        if (s.training().maxLength() > config.seqLen()) {
            throw bad(s.config(), "lorasim.training.max-length", "must be <= " + config.seqLen() + ", the context "
                    + "length of " + checkpoint.checkpoint() + ", got " + s.training().maxLength());
        }
        samples(s);
        return config;
    }

    private static int[] samples(RunSettings s) {
        int samples = RunSettings.atLeast(s.config(), "lorasim.model.samples", 0);
        int tokens = RunSettings.atLeast(s.config(), "lorasim.model.sample-tokens", 1);
        return new int[] {samples, tokens};
    }

    /** The run's starting adapter: {@code lorasim.model}'s targets and rank, drawn from the "adapter-init" stream. */
    static Adapter initialAdapter(RunSettings s, SharedDecoderBase.Loaded loaded) {
        try (CausalLmTrainer trainer = new CausalLmTrainer(loaded.base())) {
            return trainer.initialAdapter(InitialAdapters.spec(s.model()), new RngStreams(s.seed()).seed("adapter-init", 0));
        }
    }

    /** Held-out perplexity and generations of the loaded base with an adapter. */
    static ModelEvaluator evaluator(RunSettings s, SharedDecoderBase.Loaded loaded, RunData data) {
        int[] samples = samples(s);
        DecoderEvaluator evaluator = new DecoderEvaluator(loaded.base(), loaded.tokenizer(), data.heldOut(),
                s.training().maxLength(), samples[0], samples[1], new RngStreams(s.seed()).seed("samples", 0));
        return new ModelEvaluator() {
            @Override
            public Quality quality(Adapter adapter) {
                return new Quality(Double.NaN, Double.NaN, evaluator.perplexity(adapter));
            }

            @Override
            public List<Generation> generations(Adapter adapter) {
                return evaluator.samples(adapter).stream().map(g -> new Generation(g.prompt(), g.completion())).toList();
            }
        };
    }
}
