package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.model.BertEncoder;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.MiniLmWeights;
import org.lorasim.training.model.SentenceClassifier;

/**
 * One {@link SentenceClassifier} over shared frozen weights that takes any client's adapter: the layer
 * structure (which matrices, their ranks, alpha, scaling, LoRA dropout, head width, the weights variant)
 * is rebuilt only when it differs from the last adapter's, otherwise the values are written in place.
 * Not thread-safe: one slot per thread at a time (a trainer slot). The LoRA spec is read from the
 * adapter itself: one exact-name target per matrix at its rank, so per-matrix ranks (FlexLoRA,
 * FedPipe, SA-FedLoRA's annealed ranks) need nothing else; alpha and scaling must be the same for every
 * matrix, as {@link LoraSpec} holds one of each.
 */
public final class ClassifierSlot implements AutoCloseable {
    private record Layout(MiniLmWeights weights, SortedMap<String, Integer> ranks, double alpha, LoraScaling scaling,
                          double dropout, int classes, int hidden) {
    }

    private Layout layout;
    private SentenceClassifier classifier;
    private List<NDArray> trainable;

    /**
     * The classifier over {@code weights} holding {@code adapter}'s values. Throws an
     * IllegalArgumentException naming the mismatch when the adapter does not fit the model: an unknown
     * matrix, a shape or head size that differs, mixed alpha or scaling, non-finite values.
     */
    public SentenceClassifier load(MiniLmWeights weights, Adapter adapter, double loraDropout) {
        Layout wanted = layoutOf(weights, adapter, loraDropout);
        if (!wanted.equals(layout)) {
            close();
            LoraSpec spec = specOf(wanted);
            SentenceClassifier built = new SentenceClassifier(new BertEncoder(weights, spec, new SplittableRandom(0)),
                    wanted.classes(), new SplittableRandom(1));
            List<NDArray> arrays = new ArrayList<>();
            for (Parameter p : built.getParameters().values()) {
                if (SentenceClassifier.isTrainable(p)) {
                    arrays.add(p.getArray());
                }
            }
            classifier = built;
            trainable = List.copyOf(arrays);
            layout = wanted;
        }
        classifier.loadAdapter(adapter);
        return classifier;
    }

    /** The trainable arrays (LoRA factors and head) of the current classifier, in a fixed order. */
    public List<NDArray> trainableArrays() {
        Checks.require(classifier != null, "no adapter loaded yet");
        return trainable;
    }

    private static Layout layoutOf(MiniLmWeights weights, Adapter adapter, double dropout) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(adapter, "adapter");
        int layers = weights.config().layers();
        SortedMap<String, Integer> ranks = new TreeMap<>();
        Double alpha = null;
        LoraScaling scaling = null;
        for (Map.Entry<String, LoraFactors> e : adapter.lora().entrySet()) {
            String name = e.getKey();
            boolean known;
            try {
                known = BaseMatrices.layerOf(name) < layers;
            } catch (IllegalArgumentException notAMatrix) {
                known = false;
            }
            Checks.require(known, "adapter matrix '" + name + "' is not a matrix of the base model ("
                    + layers + " layers, names like layer.0.attention.query, layer.0.ffn.in)");
            LoraFactors f = e.getValue();
            if (alpha == null) {
                alpha = f.alpha();
                scaling = f.scaling();
            }
            Checks.require(Double.compare(alpha, f.alpha()) == 0 && scaling == f.scaling(), "adapter matrix '"
                    + name + "' has alpha=" + f.alpha() + " " + f.scaling() + ", others alpha=" + alpha + " " + scaling
                    + ": one alpha and scaling is needed for all matrices");
            ranks.put(name, f.rank());
        }
        DenseTensor head = adapter.dense().get(SentenceClassifier.HEAD_WEIGHT);
        Checks.require(head != null && head.shape().length == 2, "adapter has no 2-d " + SentenceClassifier.HEAD_WEIGHT
                + "; it has dense tensors " + adapter.dense().keySet());
        int hidden = weights.config().hidden();
        Checks.require(head.shape()[1] == hidden, SentenceClassifier.HEAD_WEIGHT + " has " + head.shape()[1]
                + " columns, the base model's hidden size is " + hidden);
        return new Layout(weights, ranks, alpha == null ? 1 : alpha, scaling == null ? LoraScaling.STANDARD : scaling,
                dropout, head.shape()[0], hidden);
    }

    private static LoraSpec specOf(Layout l) {
        List<LoraSpec.Target> targets = new ArrayList<>();
        l.ranks().forEach((name, rank) -> targets.add(new LoraSpec.Target(Pattern.quote(name), rank)));
        return new LoraSpec(targets, l.alpha(), l.scaling(), l.dropout());
    }

    /** Frees the classifier's trainable arrays; the frozen weights are not touched. */
    @Override
    public void close() {
        if (classifier != null) {
            classifier.close();
            classifier = null;
            trainable = null;
            layout = null;
        }
    }
}
