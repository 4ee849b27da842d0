package org.lorasim.training.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.MiniLmTokenizer;
import org.lorasim.training.model.SentenceClassifier;
import org.lorasim.training.model.TokenBatch;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.ClassifierSlot;
import org.lorasim.training.train.FlopModel;
import org.lorasim.training.train.TrainingRequest;

/**
 * Scores a classifier adapter on examples: batched forward passes with grad mode off (no autograd graph),
 * LoRA dropout off, each batch padded to its longest sentence, then {@link ClassificationMetrics}. Like a
 * {@code Trainer}, an evaluator owns one {@link ClassifierSlot} and is used by one thread at a time.
 */
public final class Evaluator implements AutoCloseable {
    private final BaseModel base;
    private final ClassifierSlot slot = new ClassifierSlot();
    private final NDManager manager;

    public Evaluator(BaseModel base) {
        this.base = Objects.requireNonNull(base, "base model");
        this.manager = base.weights().manager().newSubManager();
    }

    /** Metrics of {@code adapter} on {@code examples} over the float32 base. */
    public Evaluation evaluate(Adapter adapter, List<Example> examples, int batchSize, int maxLength) {
        return evaluate(adapter, examples, batchSize, maxLength, TrainingRequest.FULL_PRECISION);
    }

    /** Metrics of {@code adapter} on {@code examples} over the base at {@code precision} ({@code fp32}, {@code int8}, ...). */
    public Evaluation evaluate(Adapter adapter, List<Example> examples, int batchSize, int maxLength, String precision) {
        Checks.require(examples != null && !examples.isEmpty(), "examples to evaluate must not be empty");
        List<String> texts = new ArrayList<>(examples.size());
        int[] labels = new int[examples.size()];
        for (int i = 0; i < labels.length; i++) {
            texts.add(examples.get(i).text());
            labels[i] = examples.get(i).label();
        }
        long[] flops = {0};
        float[][] logits = logits(adapter, texts, batchSize, maxLength, precision, flops);
        return ClassificationMetrics.of(logits, labels).withFlops(flops[0]);
    }

    /** The class logits of every text, one row each, over the base at {@code precision}. */
    public float[][] logits(Adapter adapter, List<String> texts, int batchSize, int maxLength, String precision) {
        return logits(adapter, texts, batchSize, maxLength, precision, new long[1]);
    }

    private float[][] logits(Adapter adapter, List<String> texts, int batchSize, int maxLength, String precision,
                             long[] flops) {
        Checks.require(texts != null && !texts.isEmpty(), "texts must not be empty");
        Checks.positive("batch size", batchSize);
        MiniLmTokenizer tokenizer = base.tokenizer(maxLength);
        SentenceClassifier classifier = slot.load(base.weights(precision), adapter, 0);
        FlopModel flopModel = FlopModel.of(base.config(), adapter);
        int classes = classifier.classes();
        float[][] out = new float[texts.size()][];
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < texts.size(); from += batchSize) {
                int to = Math.min(texts.size(), from + batchSize);
                TokenBatch batch = tokenizer.encode(texts.subList(from, to));
                try (NDManager step = manager.newSubManager()) {
                    NDArray logits = classifier.forward(new ParameterStore(step, false), batch.toNDList(step), false)
                            .singletonOrThrow();
                    float[] flat = logits.toFloatArray();
                    for (int i = from; i < to; i++) {
                        out[i] = new float[classes];
                        System.arraycopy(flat, (i - from) * classes, out[i], 0, classes);
                    }
                }
                flops[0] = Math.addExact(flops[0], flopModel.forwardFlops(batch.batch(), batch.length()));
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return out;
    }

    @Override
    public void close() {
        slot.close();
        manager.close();
    }
}
