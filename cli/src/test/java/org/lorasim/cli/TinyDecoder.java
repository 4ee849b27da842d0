package org.lorasim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test data for the decoder runs: a tiny TinyShakespeare mirror (the checkpoint:
 * {@code org.lorasim.training.llama.TinyLlama2c}, from the training module's test jar).
 */
final class TinyDecoder {

    private TinyDecoder() {
    }

    /** A tiny TinyShakespeare mirror: {@code tinyshakespeare/input.txt} of 60 short speeches by 3 speakers. */
    static Path shakespeareMirror(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tinyshakespeare"));
        StringBuilder text = new StringBuilder();
        String[] speakers = {"First Citizen", "All", "MENENIUS"};
        for (int i = 0; i < 60; i++) {
            text.append(speakers[i % 3]).append(":\n").append(i % 2 == 0 ? "We are accounted poor citizens."
                    : "Speak, speak, the patricians good.").append("\n\n");
        }
        Files.writeString(folder.resolve("input.txt"), text.toString());
        return dir;
    }
}
