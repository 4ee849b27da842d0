package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.BatchSampler;
import org.lorasim.training.train.ParameterOptimizer;
import org.lorasim.training.train.PerThreadAutograd;
import org.lorasim.training.train.TrainingResult;

/**
 * Causal-LM LoRA fine-tuning of a {@link LlamaModel} over a shared {@link LlamaBase}. Per request: a model
 * with exactly the adapter's matrices and ranks is built (one exact-name {@link LoraSpec} target per
 * matrix) and loaded with its values; each step takes a {@link BatchSampler} batch, computes the mean
 * next-token cross-entropy ({@link CausalLmLoss}) and applies the request's optimiser. Autograd is driven
 * per thread exactly as the encoder's {@code Trainer} does (grad mode on for the forward, {@code
 * JniUtils.backward}, grad mode off for the update, restored in {@code finally}; no {@code
 * GradientCollector}); each step's arrays live in a sub-manager closed after it. One seed gives a
 * bit-identical adapter on CPU with one engine thread count.
 *
 * <p>FLOPs are the usual estimate {@code 6 N tokens} (Kaplan et al., arXiv 2001.08361) with {@code N} the
 * frozen parameter count and tokens the padded positions: forward 2N, backward 4N per token.
 */
public final class CausalLmTrainer implements AdapterTraining<CausalLmRequest> {
    private final LlamaBase base;

    public CausalLmTrainer(LlamaBase base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** PEFT's start: {@code A ~ U(-1/sqrt(in), 1/sqrt(in))} in matrix-name order from {@code seed}, {@code B = 0}. */
    @Override
    public Adapter initialAdapter(LoraSpec spec, long seed) {
        try (LlamaModel m = new LlamaModel(base, spec, new SplittableRandom(seed))) {
            return m.toAdapter();
        }
    }

    @Override
    public TrainingResult train(CausalLmRequest request) {
        long start = System.nanoTime();
        SplittableRandom root = new SplittableRandom(request.seed());
        BatchSampler sampler = new BatchSampler(request.examples().size(), request.batchSize(), root.split());
        SplittableRandom dropout = root.split();
        boolean gradMode = JniUtils.isGradMode();
        try (LlamaModel model = new LlamaModel(base, specOf(request.adapter(), request.loraDropout()),
                new SplittableRandom(0)); NDManager requestManager = base.manager().newSubManager()) {
            JniUtils.setGradMode(false);
            List<NDArray> anchors = request.proximalMu() > 0 ? snapshot(model, request.anchor(), requestManager) : List.of();
            model.loadAdapter(request.adapter());
            model.setDropoutRandom(dropout);
            List<NDArray> parameters = model.trainableArrays();
            ParameterOptimizer optimizer = ParameterOptimizer.create(request.optimizer(), parameters, requestManager);
            List<Double> losses = new ArrayList<>(request.steps());
            long examples = 0;
            long tokens = 0;
            for (int step = 1; step <= request.steps(); step++) {
                int[] picked = sampler.next();
                List<CausalLmExample> batch = new ArrayList<>(picked.length);
                for (int i : picked) {
                    batch.add(request.examples().get(i));
                }
                CausalLmBatch b = CausalLmBatch.of(batch, request.maxLength());
                double loss;
                try (NDManager stepManager = requestManager.newSubManager()) {
                    loss = step(model, parameters, optimizer, b, anchors, request.proximalMu(), stepManager);
                }
                if (!Double.isFinite(loss)) {
                    throw new IllegalStateException("training diverged: loss " + loss + " at step " + step + " of "
                            + request.steps() + " (learning rate " + request.optimizer().learningRate() + ")");
                }
                losses.add(loss);
                examples += picked.length;
                tokens += (long) b.batch() * b.length();
            }
            long flops = 6 * base.config().parameterCount() * tokens;
            return new TrainingResult(model.toAdapter(), losses, examples, tokens, flops,
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /** Forward, backward, proximal gradient {@code mu (theta - anchor)}, update, zeroed gradients. */
    private static double step(LlamaModel model, List<NDArray> parameters, ParameterOptimizer optimizer,
                               CausalLmBatch batch, List<NDArray> anchors, double mu, NDManager m) {
        int targets = batch.targets();
        Checks.require(targets > 0, "a batch has no target token (every position is prompt or padding)");
        NDArray loss = PerThreadAutograd.backward(() -> CausalLmLoss.mean(model.forward(new ParameterStore(m, false),
                batch.inputArray(m), 0, null, true), batch.labels(), targets, m), m);
        try {
            List<NDArray> gradients = PerThreadAutograd.gradients(parameters, m);
            if (mu > 0) {
                NDArray muArray = ParameterOptimizer.scalar(m, mu);
                for (int i = 0; i < parameters.size(); i++) {
                    NDArray pull = ParameterOptimizer.temporary(parameters.get(i).sub(anchors.get(i)), m);
                    gradients.get(i).addi(pull.muli(muArray));
                }
            }
            optimizer.step(gradients, m);
            return loss.getFloat();
        } finally {
            PerThreadAutograd.zeroGradients(parameters);
        }
    }

    /** Copies of the trainable arrays holding {@code anchor}'s values, in the model's parameter order. */
    private static List<NDArray> snapshot(LlamaModel model, Adapter anchor, NDManager into) {
        model.loadAdapter(anchor);
        List<NDArray> copies = new ArrayList<>();
        for (NDArray p : model.trainableArrays()) {
            NDArray c = p.duplicate();
            c.attach(into);
            copies.add(c);
        }
        return copies;
    }

    /** One exact-name target per adapter matrix at its rank; one alpha and scaling for all. */
    static LoraSpec specOf(Adapter adapter, double dropout) {
        List<LoraSpec.Target> targets = new ArrayList<>();
        LoraFactors first = adapter.lora().values().iterator().next();
        for (Map.Entry<String, LoraFactors> e : adapter.lora().entrySet()) {
            LoraFactors f = e.getValue();
            Checks.require(Double.compare(f.alpha(), first.alpha()) == 0 && f.scaling() == first.scaling(),
                    "adapter matrix '" + e.getKey() + "' has alpha=" + f.alpha() + " " + f.scaling() + ", others alpha="
                            + first.alpha() + " " + first.scaling() + ": one alpha and scaling is needed for all");
            targets.add(new LoraSpec.Target(Pattern.quote(e.getKey()), f.rank()));
        }
        return new LoraSpec(targets, first.alpha(), first.scaling(), dropout);
    }

    /** Nothing to free: each request's model and optimiser state are freed when it ends. */
    @Override
    public void close() {
    }
}
