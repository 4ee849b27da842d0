package org.lorasim.actors.trainer;

import ai.djl.Device;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.llama.DecoderCheckpoint;
import org.lorasim.training.llama.DecoderTrainer;
import org.lorasim.training.llama.LlamaBase;
import org.lorasim.training.llama.TextTokenizer;
import org.lorasim.training.train.SlotTrainer;

/**
 * The decoder bases of this JVM, one per checkpoint and device: loaded on first use into a {@link LlamaBase} on that
 * device and shared read-only by every trainer slot and evaluator there, of every run in the JVM (a sweep loads a
 * checkpoint once). The checkpoint's files are read once per load. They live until the JVM exits.
 */
public final class SharedDecoderBase {
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<Key, Loaded> BASES = new HashMap<>();

    private record Key(DecoderCheckpoint checkpoint, Device device) {
    }

    /** A loaded base and its tokenizer; {@link #trainers()} makes the slots' trainers over it. */
    public record Loaded(LlamaBase base, TextTokenizer tokenizer) {
        public SlotTrainer.Factory trainers() {
            return () -> new DecoderTrainer(base, tokenizer);
        }
    }

    private SharedDecoderBase() {
    }

    /** The base of {@code checkpoint} on the engine's default device, loaded by the first caller. */
    public static Loaded get(DecoderCheckpoint checkpoint) {
        return get(checkpoint, DjlEngine.defaultDevice());
    }

    /** The base of {@code checkpoint} on {@code device}, loaded there by the first caller. */
    public static synchronized Loaded get(DecoderCheckpoint checkpoint, Device device) {
        return BASES.computeIfAbsent(new Key(checkpoint, device), k -> {
            DecoderCheckpoint.Loaded files = checkpoint.load();
            LOADS.incrementAndGet();
            return new Loaded(new LlamaBase(files.weights(), device), files.tokenizer());
        });
    }

    /** How many decoder bases were loaded in this JVM. */
    public static int loads() {
        return LOADS.get();
    }
}
