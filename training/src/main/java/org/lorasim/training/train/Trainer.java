package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.BertEncoder;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.MiniLmTokenizer;
import org.lorasim.training.model.MiniLmWeights;
import org.lorasim.training.model.SentenceClassifier;
import org.lorasim.training.model.TokenBatch;

/**
 * Local LoRA fine-tuning of one client's classifier adapter (Hu et al., arXiv 2106.09685) on the shared
 * frozen {@link BaseModel}: the unit of work of a trainer slot. {@link #train} loads the request's adapter
 * into this trainer's {@link ClassifierSlot} (rebuilt only when the layout changes), runs the mini-batch
 * steps of {@link BatchSampler} with the request's {@link ParameterOptimizer}, and returns the new
 * adapter with losses, examples seen, FLOPs ({@link FlopModel}) and wall time.
 *
 * <p>Autograd is driven per thread, as STACK.md prescribes for several trainers in one JVM: grad mode on
 * for the forward pass, {@code JniUtils.backward(loss, ones)} with no graph kept, grad mode off for the
 * update, the previous grad mode restored in {@code finally}; DJL's {@code GradientCollector} (one per JVM)
 * is never used, and gradients are zeroed per array, never through the engine-wide collector. Every
 * array of a step lives in a sub-manager closed at the end of the step.
 *
 * <p>A trainer is used by one thread at a time; distinct trainers over one {@link BaseModel} may train at
 * once on different threads. With one seed and one engine thread count the result is bit-identical run
 * after run on CPU. The proximal gradient {@code mu (theta - anchor)} is added to the gradients before the
 * optimiser step, which is the gradient of {@code mu/2 ||theta - anchor||^2} added to the loss.
 *
 * <p>Placement: a trainer runs on its base's {@link BaseModel#device()}. Its manager is a sub-manager of the base's
 * weights, and every array it makes (the classifier's LoRA factors and head, the optimiser state, each step's
 * batch, labels and gradients) is made in that manager or below it, so all of them live on the base's device;
 * what it returns (adapter, losses) is copied back into Java arrays, the same on every device. A JVM that trains
 * on several devices keeps one base per device (docs/cluster.md, "A GPU trainer node").
 */
public final class Trainer implements SlotTrainer {
    /** Called after each step with its 1-based index, its batch loss and a way to read the current adapter. */
    @FunctionalInterface
    public interface StepListener {
        void afterStep(int step, double loss, Supplier<Adapter> currentAdapter);
    }

    private final BaseModel base;
    private final ClassifierSlot slot = new ClassifierSlot();
    private final NDManager manager;

    public Trainer(BaseModel base) {
        this.base = Objects.requireNonNull(base, "base model");
        this.manager = base.weights().manager().newSubManager();
    }

    public BaseModel base() {
        return base;
    }

    /** Where this trainer's arrays live: its base's device. */
    public ai.djl.Device device() {
        return manager.getDevice();
    }

    /**
     * A fresh classifier adapter as PEFT initialises one: {@code A ~ U(-1/sqrt(in), 1/sqrt(in))} drawn in
     * matrix-name order, {@code B = 0}, a {@code classes}-wide head {@code ~ U(-1/sqrt(H), 1/sqrt(H))}; all
     * from {@code seed}. The LoRA dropout of {@code spec} is ignored (it belongs to a request).
     */
    public Adapter initialAdapter(LoraSpec spec, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (SentenceClassifier c = new SentenceClassifier(
                new BertEncoder(base.weights(), spec, random.split()), classes,
                random.split())) {
            return c.toAdapter();
        }
    }

    /** Runs {@code request}; see the class comment. */
    @Override
    public TrainingResult train(TrainingRequest request) {
        return train(request, null);
    }

    /**
     * Runs {@code request}, calling {@code listener} (may be null) after every step. Throws an
     * IllegalArgumentException when the adapter does not fit the model, and an IllegalStateException
     * naming the step when the loss stops being finite.
     */
    public TrainingResult train(TrainingRequest request, StepListener listener) {
        Objects.requireNonNull(request, "request");
        Checks.require(request.classes() > 0, "adapter has no 2-d " + SentenceClassifier.HEAD_WEIGHT
                + ": a classifier adapter needs one; it has " + request.adapter().dense().keySet());
        long start = System.nanoTime();
        MiniLmWeights weights = base.weights(request.basePrecision());
        MiniLmTokenizer tokenizer = base.tokenizer(request.maxLength());
        FlopModel flopModel = FlopModel.of(base.config(), request.adapter());
        SplittableRandom root = new SplittableRandom(request.seed());
        BatchSampler sampler = new BatchSampler(request.examples().size(), request.batchSize(), root.split());
        SplittableRandom dropout = root.split();
        int totalSteps = request.steps() > 0 ? request.steps() : request.epochs() * sampler.batchesPerPass();

        boolean gradMode = JniUtils.isGradMode();
        try (NDManager requestManager = manager.newSubManager()) {
            JniUtils.setGradMode(false);
            List<NDArray> anchors = request.proximalMu() > 0
                    ? snapshot(weights, request.anchor(), request.loraDropout(), requestManager) : List.of();
            SentenceClassifier classifier = slot.load(weights, request.adapter(), request.loraDropout());
            classifier.encoder().setDropoutRandom(dropout);
            List<NDArray> parameters = slot.trainableArrays();
            ParameterOptimizer optimizer = ParameterOptimizer.create(request.optimizer(), parameters, requestManager);
            List<Double> losses = new ArrayList<>(totalSteps);
            long examples = 0;
            long tokens = 0;
            long flops = 0;
            for (int step = 1; step <= totalSteps; step++) {
                int[] batch = sampler.next();
                List<String> texts = new ArrayList<>(batch.length);
                int[] labels = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    Example e = request.examples().get(batch[i]);
                    texts.add(e.text());
                    labels[i] = e.label();
                }
                TokenBatch tokenBatch = tokenizer.encode(texts);
                double loss;
                try (NDManager stepManager = requestManager.newSubManager()) {
                    loss = step(classifier, parameters, optimizer, tokenBatch, labels, anchors, request.proximalMu(),
                            stepManager);
                }
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss " + loss + " at step " + step + " of "
                            + totalSteps + " (learning rate " + request.optimizer().learningRate() + ")");
                }
                losses.add(loss);
                examples += batch.length;
                tokens += (long) tokenBatch.batch() * tokenBatch.length();
                flops = Math.addExact(flops, flopModel.trainingFlops(tokenBatch.batch(), tokenBatch.length()));
                if (listener != null) {
                    listener.afterStep(step, loss, classifier::toAdapter);
                }
            }
            Adapter trained = classifier.toAdapter();
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            return new TrainingResult(trained, losses, examples, tokens, flops, wallMillis);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Forward, backward, proximal gradient, update, zeroed gradients; returns the batch loss. */
    private static double step(SentenceClassifier classifier, List<NDArray> parameters, ParameterOptimizer optimizer,
                               TokenBatch tokenBatch, int[] labels, List<NDArray> anchors, double mu,
                               NDManager stepManager) {
        NDList inputs = tokenBatch.toNDList(stepManager);
        NDArray loss = PerThreadAutograd.backward(() -> CrossEntropy.mean(classifier.forward(
                new ParameterStore(stepManager, false), inputs, true).singletonOrThrow(), labels, stepManager), stepManager);
        try {
            List<NDArray> gradients = PerThreadAutograd.gradients(parameters, stepManager);
            if (mu > 0) {
                NDArray muArray = ParameterOptimizer.scalar(stepManager, mu);
                for (int i = 0; i < parameters.size(); i++) {
                    NDArray pull = ParameterOptimizer.temporary(parameters.get(i).sub(anchors.get(i)), stepManager);
                    gradients.get(i).addi(pull.muli(muArray));
                }
            }
            optimizer.step(gradients, stepManager);
            return loss.getFloat();
        } finally {
            PerThreadAutograd.zeroGradients(parameters);
        }
    }

    /** Copies of the trainable arrays holding {@code anchor}'s values, in the slot's parameter order. */
    private List<NDArray> snapshot(MiniLmWeights weights, Adapter anchor, double dropout, NDManager into) {
        slot.load(weights, anchor, dropout);
        List<NDArray> copies = new ArrayList<>();
        for (NDArray p : slot.trainableArrays()) {
            NDArray c = p.duplicate();
            c.attach(into);
            copies.add(c);
        }
        return copies;
    }

    @Override
    public void close() {
        slot.close();
        manager.close();
    }
}
