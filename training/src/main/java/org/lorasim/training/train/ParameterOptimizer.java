package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * An optimiser that updates a fixed list of trainable arrays in place from their gradients. Written on
 * DJL array operations instead of DJL's {@code Optimizer}: that one is driven by a DJL {@code Trainer},
 * whose gradient collector is one per JVM (STACK.md), while each Lorasim trainer drives autograd on its
 * own thread and owns its parameter list. State (moments, momentum buffers) lives in arrays of the
 * manager given at creation and starts at zero, so every training request starts a fresh optimiser, the
 * usual choice for local steps in federated learning. Call {@link #step} with grad mode off; every
 * temporary array goes to the step's manager. Scalars are 0-d arrays, never {@code mul(Number)}.
 */
public abstract class ParameterOptimizer {
    private final List<NDArray> parameters;
    private final OptimizerSettings settings;
    private long steps;

    ParameterOptimizer(OptimizerSettings settings, List<NDArray> parameters) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parameters = List.copyOf(Checks.nonEmpty("trainable parameters", parameters));
    }

    /** The optimiser {@code settings} name, with its state in arrays of {@code stateManager}. */
    public static ParameterOptimizer create(OptimizerSettings settings, List<NDArray> parameters,
                                            NDManager stateManager) {
        return switch (settings.kind()) {
            case ADAMW -> new AdamW(settings, parameters, stateManager);
            case SGD -> new Sgd(settings, parameters, stateManager);
        };
    }

    /**
     * One update of every parameter from {@code gradients} (same order and shapes as the parameters; the
     * caller may have added a proximal gradient to them). Temporaries are made in {@code step}.
     */
    public final void step(List<NDArray> gradients, NDManager step) {
        Checks.require(gradients.size() == parameters.size(), "got " + gradients.size() + " gradients for "
                + parameters.size() + " parameters");
        steps++;
        update(gradients, step, steps);
    }

    abstract void update(List<NDArray> gradients, NDManager step, long t);

    public List<NDArray> parameters() {
        return parameters;
    }

    public OptimizerSettings settings() {
        return settings;
    }

    /** Updates applied so far. */
    public long steps() {
        return steps;
    }

    /** A 0-d float32 array holding {@code v}. */
    public static NDArray scalar(NDManager m, double v) {
        return m.full(new Shape(), (float) v, DataType.FLOAT32);
    }

    /** Moves {@code a} (a temporary made from a long-lived operand) into {@code step} so it is freed with it. */
    public static NDArray temporary(NDArray a, NDManager step) {
        a.attach(step);
        return a;
    }

    static NDArray zerosLike(NDArray p, NDManager m) {
        return m.zeros(p.getShape(), DataType.FLOAT32);
    }
}
