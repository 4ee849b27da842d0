package org.lorasim.training.llama;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A tiny random llama2.c checkpoint and its tokenizer, written by a test (shared with the actors and cli tests
 * through this module's test jar): dim 16, hidden 32, 1 layer, 2 heads over 1 kv head, context 128, tied output;
 * vocabulary {@code <unk> <s> </s>}, the 256 byte pieces {@code <0xNN>} and {@code " "} (the dummy prefix
 * llama2.c's encoder looks up), so every text encodes by byte fallback (id {@code 3 + byte}) after the prefix.
 */
public final class TinyLlama2c {
    public static final LlamaConfig CONFIG = LlamaConfig.llama2c(16, 32, 1, 2, 1, 260, 128, true);

    private TinyLlama2c() {
    }

    /** Writes {@code tiny.bin} and {@code tokenizer.bin} into {@code dir}; returns the checkpoint. */
    public static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path checkpoint = dir.resolve("tiny.bin");
        Llama2cCheckpoint.write(LlamaWeights.random(CONFIG, new SplittableRandom(21)), checkpoint);
        ByteBuffer buf = ByteBuffer.allocate(8 + 260 * 16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(8);
        for (int i = 0; i < 260; i++) {
            String piece = i == 0 ? "<unk>" : i == 1 ? "<s>" : i == 2 ? "</s>" : i == 259 ? " "
                    : String.format("<0x%02X>", i - 3);
            byte[] b = piece.getBytes(StandardCharsets.UTF_8);
            buf.putFloat(0f).putInt(b.length).put(b);
        }
        Files.write(dir.resolve("tokenizer.bin"), Arrays.copyOf(buf.array(), buf.position()));
        return checkpoint;
    }
}
