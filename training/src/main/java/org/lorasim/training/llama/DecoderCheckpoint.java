package org.lorasim.training.llama;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a decoder's weights and tokenizer are: a Hugging Face folder ({@code config.json} +
 * {@code *.safetensors} + {@code tokenizer.json}, {@link HfLlamaCheckpoint}) or a llama2.c {@code .bin} file
 * ({@link Llama2cCheckpoint}) with its tokenizer {@code .bin}: the one given, else {@code tokenizer.bin}
 * beside the checkpoint, else the only {@code tok*.bin} there (llama2.c's {@code tok512.bin} beside
 * {@code stories260K.bin}). {@link #check} finds problems without building the model; {@link #load} reads it.
 *
 * @param checkpoint the folder or {@code .bin} file
 * @param tokenizer  the llama2.c tokenizer file (empty for a Hugging Face folder)
 */
public record DecoderCheckpoint(Path checkpoint, Optional<Path> tokenizer) {

    /** The weights and the tokenizer, read. */
    public record Loaded(LlamaWeights weights, TextTokenizer tokenizer) {
    }

    public DecoderCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(tokenizer, "tokenizer");
    }

    /**
     * @param tokenizer a llama2.c tokenizer file, or empty to look beside the checkpoint
     * @throws IllegalArgumentException naming the file when the checkpoint or its tokenizer is missing
     */
    public static DecoderCheckpoint locate(Path checkpoint, Optional<Path> tokenizer) {
        if (Files.isDirectory(checkpoint)) {
            for (String file : List.of(HfLlamaCheckpoint.CONFIG, HfLlamaCheckpoint.TOKENIZER)) {
                if (!Files.isRegularFile(checkpoint.resolve(file))) {
                    throw new IllegalArgumentException(checkpoint.resolve(file) + " does not exist: a Hugging Face "
                            + "checkpoint folder holds " + HfLlamaCheckpoint.CONFIG + ", *.safetensors and "
                            + HfLlamaCheckpoint.TOKENIZER);
                }
            }
            return new DecoderCheckpoint(checkpoint, Optional.empty());
        }
        if (!Files.isRegularFile(checkpoint)) {
            throw new IllegalArgumentException(checkpoint + " does not exist (a llama2.c .bin file or a Hugging Face "
                    + "folder is expected)");
        }
        if (tokenizer.isPresent()) {
            if (!Files.isRegularFile(tokenizer.get())) {
                throw new IllegalArgumentException("tokenizer file " + tokenizer.get() + " does not exist");
            }
            return new DecoderCheckpoint(checkpoint, tokenizer);
        }
        return new DecoderCheckpoint(checkpoint, Optional.of(besideTokenizer(checkpoint)));
    }

    /**
     * Reads what a run needs before it loads the engine copy: the llama2.c file (header, length, every
     * tensor) or the Hugging Face {@code config.json}, and the tokenizer; returns the model's shapes.
     */
    public LlamaConfig check() {
        if (tokenizer.isEmpty()) {
            HfTokenizer.read(checkpoint);
            return HfLlamaCheckpoint.readConfig(checkpoint.resolve(HfLlamaCheckpoint.CONFIG));
        }
        LlamaWeights w = Llama2cCheckpoint.read(checkpoint);
        Llama2cTokenizer.read(tokenizer.get(), w.config().vocabSize());
        return w.config();
    }

    /**
     * The model's shapes alone: llama2.c's header or Hugging Face's {@code config.json}, no weights and no tokenizer
     * (a cluster's {@code clients} node sizes the simulated training time with it and never loads the model).
     */
    public LlamaConfig config() {
        return tokenizer.isEmpty() ? HfLlamaCheckpoint.readConfig(checkpoint.resolve(HfLlamaCheckpoint.CONFIG))
                : Llama2cCheckpoint.readConfig(checkpoint);
    }

    /** The weights and the tokenizer. */
    public Loaded load() {
        if (tokenizer.isEmpty()) {
            return new Loaded(HfLlamaCheckpoint.read(checkpoint), HfTokenizer.read(checkpoint));
        }
        LlamaWeights w = Llama2cCheckpoint.read(checkpoint);
        return new Loaded(w, Llama2cTokenizer.read(tokenizer.get(), w.config().vocabSize()));
    }

    private static Path besideTokenizer(Path checkpoint) {
        Path folder = checkpoint.toAbsolutePath().getParent();
        Path named = folder.resolve("tokenizer.bin");
        if (Files.isRegularFile(named)) {
            return named;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "tok*.bin")) {
            files.forEach(found::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder + " for a tokenizer: " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new IllegalArgumentException("no single tokenizer beside " + checkpoint + ": found " + found.size()
                    + " tok*.bin files and no tokenizer.bin in " + folder + "; name the file in lorasim.model.tokenizer");
        }
        return found.get(0);
    }
}
