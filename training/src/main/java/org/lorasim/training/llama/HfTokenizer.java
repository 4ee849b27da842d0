package org.lorasim.training.llama;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The {@code tokenizer.json} of a Hugging Face Llama folder through DJL's Rust tokenizers, without special
 * tokens added by the tokenizer itself (BOS and EOS are added here, with the ids of {@code config.json}'s
 * {@code bos_token_id} and {@code eos_token_id}, defaults 1 and 2 as Llama).
 */
public final class HfTokenizer implements TextTokenizer {
    private final HuggingFaceTokenizer tokenizer;
    private final int vocabSize;
    private final int bos;
    private final int eos;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, int vocabSize, int bos, int eos) {
        this.tokenizer = tokenizer;
        this.vocabSize = vocabSize;
        this.bos = bos;
        this.eos = eos;
    }

    /** The tokenizer of the folder {@code dir}; an IllegalArgumentException naming the file when it is missing. */
    public static HfTokenizer read(Path dir) {
        Path file = dir.resolve(HfLlamaCheckpoint.TOKENIZER);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist: the checkpoint has no tokenizer (copy the "
                    + "model's " + HfLlamaCheckpoint.TOKENIZER + " beside its " + HfLlamaCheckpoint.CONFIG + ")");
        }
        try {
            JsonNode config = new ObjectMapper().readTree(dir.resolve(HfLlamaCheckpoint.CONFIG).toFile());
            HuggingFaceTokenizer t = HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false"));
            return new HfTokenizer(t, config.path("vocab_size").asInt(), config.path("bos_token_id").asInt(1),
                    config.path("eos_token_id").asInt(2));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int bos() {
        return bos;
    }

    @Override
    public int eos() {
        return eos;
    }

    @Override
    public int[] encode(String text, boolean addBos, boolean addEos) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length + (addBos ? 1 : 0) + (addEos ? 1 : 0)];
        int n = 0;
        if (addBos) {
            out[n++] = bos;
        }
        for (long id : ids) {
            out[n++] = Math.toIntExact(id);
        }
        if (addEos) {
            out[n] = eos;
        }
        return out;
    }

    @Override
    public String decode(int[] tokens, int previous) {
        return tokenizer.decode(Arrays.stream(tokens).asLongStream().toArray(), true);
    }
}
