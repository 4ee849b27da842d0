package org.lorasim.actors.trainer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lorasim.training.llama.DecoderCheckpoint;
import org.lorasim.training.llama.DecoderTrainer;
import org.lorasim.training.llama.LlamaBase;
import org.lorasim.training.llama.TextTokenizer;
import org.lorasim.training.train.SlotTrainer;

/**
 * The decoder bases of this JVM, one per checkpoint: loaded on first use into a {@link LlamaBase} and shared
 * read-only by every trainer slot and evaluator of every run in the JVM (a sweep loads a checkpoint once).
 * They live until the JVM exits.
 */
public final class SharedDecoderBase {
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<DecoderCheckpoint, Loaded> BASES = new HashMap<>();

    /** A loaded base and its tokenizer; {@link #trainers()} makes the slots' trainers over it. */
    public record Loaded(LlamaBase base, TextTokenizer tokenizer) {
        public SlotTrainer.Factory trainers() {
            return () -> new DecoderTrainer(base, tokenizer);
        }
    }

    private SharedDecoderBase() {
    }

    /** The base of {@code checkpoint}, loaded by the first caller. */
    public static synchronized Loaded get(DecoderCheckpoint checkpoint) {
        Loaded loaded = BASES.get(checkpoint);
        if (loaded == null) {
            DecoderCheckpoint.Loaded files = checkpoint.load();
            loaded = new Loaded(new LlamaBase(files.weights()), files.tokenizer());
            LOADS.incrementAndGet();
            BASES.put(checkpoint, loaded);
        }
        return loaded;
    }

    /** How many decoder bases were loaded in this JVM. */
    public static int loads() {
        return LOADS.get();
    }
}
