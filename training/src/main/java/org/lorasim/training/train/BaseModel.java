package org.lorasim.training.train;

import ai.djl.ndarray.NDManager;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.quantization.Quantizer;
import org.lorasim.policies.quantization.Quantizers;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.MiniLmTokenizer;
import org.lorasim.training.model.MiniLmWeights;

/**
 * The frozen base model that every trainer of a JVM shares, read-only: the float32 weights, one tokenizer
 * per maximum length (dynamic padding: each batch is padded to its longest sentence) and the quantized
 * variants of {@link QuantizedWeights}, built on first use and cached per precision name. Thread-safe.
 * Closing it frees the tokenizers and the variants, and the float32 weights when it loaded them itself.
 *
 * <p>Its {@link #device()} is its weights' manager's: every {@link Trainer} over it keeps its arrays in
 * sub-managers of that one, so a base loaded on {@code gpu:1} (all-MiniLM-L6-v2 through
 * {@link #allMiniLmL6V2(NDManager)} with a manager of {@code DjlEngine.newManager(Device.gpu(1))}) trains there.
 */
public final class BaseModel implements AutoCloseable {
    private final MiniLmWeights weights;
    private final String tokenizerResource;
    private final boolean ownsWeights;
    private final Map<Integer, MiniLmTokenizer> tokenizers = new ConcurrentHashMap<>();
    private final Map<String, MiniLmWeights> variants = new ConcurrentHashMap<>();

    /**
     * A base over {@code weights} (owned by the caller unless {@code ownsWeights}) with the tokenizer of the
     * {@code tokenizer.json} classpath resource {@code tokenizerResource}.
     */
    public BaseModel(MiniLmWeights weights, String tokenizerResource, boolean ownsWeights) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.tokenizerResource = Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        this.ownsWeights = ownsWeights;
    }

    /** all-MiniLM-L6-v2 from its Maven artifact, weights in a sub-manager of {@code parent}. */
    public static BaseModel allMiniLmL6V2(NDManager parent) {
        return new BaseModel(MiniLmWeights.loadAllMiniLmL6V2(parent), MiniLmTokenizer.MINILM_TOKENIZER_RESOURCE, true);
    }

    /** A base over weights that someone else owns, with MiniLM's tokenizer. */
    public static BaseModel sharing(MiniLmWeights weights) {
        return new BaseModel(weights, MiniLmTokenizer.MINILM_TOKENIZER_RESOURCE, false);
    }

    public MiniLmConfig config() {
        return weights.config();
    }

    /** The device every array of this base, and of every trainer over it, lives on. */
    public ai.djl.Device device() {
        return weights.manager().getDevice();
    }

    /** The float32 weights. */
    public MiniLmWeights weights() {
        return weights;
    }

    /**
     * The weights at {@code precision}: {@code fp32} (or {@code none}) gives the float32 weights, any other
     * deterministic {@code Quantizers} name ({@code int8}, {@code int4}, {@code nf4}, {@code fp16}) the
     * cached quantized variant, built on the first call.
     */
    public MiniLmWeights weights(String precision) {
        Checks.require(precision != null && !precision.isBlank(), "base precision must not be empty");
        String key = precision.trim().toLowerCase(Locale.ROOT);
        if (key.equals(TrainingRequest.FULL_PRECISION) || key.equals("none")) {
            return weights;
        }
        Quantizer quantizer = Quantizers.byName(key);
        Checks.require(!quantizer.stochastic(), "base precision '" + precision + "' rounds stochastically; a frozen "
                + "base needs a deterministic quantizer");
        return variants.computeIfAbsent(quantizer.name(), k -> QuantizedWeights.of(weights, quantizer, weights.manager()));
    }

    /** The tokenizer that truncates to {@code maxLength} tokens and pads each batch to its longest row. */
    public MiniLmTokenizer tokenizer(int maxLength) {
        Checks.require(maxLength >= 2 && maxLength <= config().maxPositions(), "max length must be in [2, "
                + config().maxPositions() + "], got " + maxLength);
        return tokenizers.computeIfAbsent(maxLength, n -> MiniLmTokenizer.fromResource(tokenizerResource, n, false));
    }

    @Override
    public void close() {
        tokenizers.values().forEach(MiniLmTokenizer::close);
        tokenizers.clear();
        variants.values().forEach(MiniLmWeights::close);
        variants.clear();
        if (ownsWeights) {
            weights.close();
        }
    }
}
