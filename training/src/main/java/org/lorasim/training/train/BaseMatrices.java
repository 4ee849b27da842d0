package org.lorasim.training.train;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lorasim.policies.Checks;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.MiniLmWeights;

/**
 * The six frozen linear matrices of each BERT layer under two names: the adapter key used everywhere in
 * Lorasim ({@code layer.3.attention.query}, {@code .key}, {@code .value}, {@code .output},
 * {@code layer.3.ffn.in}, {@code layer.3.ffn.out}, as {@code BertLayer} names them) and the Hugging Face
 * name of its weight in {@link MiniLmWeights} ({@code encoder.layer.3.attention.self.query.weight}, stored
 * {@code [out, in]}).
 */
public final class BaseMatrices {
    private static final Pattern MATRIX = Pattern.compile("layer\\.(\\d+)\\.(attention\\.(?:query|key|value|output)"
            + "|ffn\\.(?:in|out))");
    private static final List<String> KINDS = List.of("attention.query", "attention.key", "attention.value",
            "attention.output", "ffn.in", "ffn.out");

    private BaseMatrices() {
    }

    /** Every adapter key of a model of {@code config}, layer by layer in forward order. */
    public static List<String> matrixNames(MiniLmConfig config) {
        List<String> out = new ArrayList<>();
        for (int layer = 0; layer < config.layers(); layer++) {
            for (String kind : KINDS) {
                out.add("layer." + layer + "." + kind);
            }
        }
        return out;
    }

    /** The layer index in adapter key {@code matrixName} (3 for {@code layer.3.ffn.in}). */
    public static int layerOf(String matrixName) {
        return Integer.parseInt(parse(matrixName).group(1));
    }

    private static Matcher parse(String matrixName) {
        Checks.require(matrixName != null, "matrix name must not be null");
        Matcher m = MATRIX.matcher(matrixName);
        Checks.require(m.matches(), "'" + matrixName + "' is not a matrix name like layer.0.attention.query");
        return m;
    }

    /** The Hugging Face name of the weight behind adapter key {@code matrixName}. */
    public static String weightName(String matrixName) {
        Matcher m = parse(matrixName);
        String hf = switch (m.group(2)) {
            case "attention.query" -> "attention.self.query";
            case "attention.key" -> "attention.self.key";
            case "attention.value" -> "attention.self.value";
            case "attention.output" -> "attention.output.dense";
            case "ffn.in" -> "intermediate.dense";
            case "ffn.out" -> "output.dense";
            default -> throw new IllegalStateException(m.group(2));
        };
        return MiniLmWeights.layerPrefix(Integer.parseInt(m.group(1))) + hf + ".weight";
    }
}
