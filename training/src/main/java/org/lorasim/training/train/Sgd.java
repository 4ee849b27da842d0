package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD} (no dampening, no Nesterov): with rate
 * {@code lr}, L2 weight decay {@code wd} and momentum {@code mu},
 * <pre>
 *   d = g + wd p
 *   b = d                        on the first step,  b = mu b + d  afterwards   (only when mu > 0)
 *   p = p - lr b                 (p = p - lr d without momentum)
 * </pre>
 * Unlike {@link AdamW}, the decay here is coupled: it passes through the momentum buffer.
 */
public final class Sgd extends ParameterOptimizer {
    private final List<NDArray> buffers = new ArrayList<>();

    Sgd(OptimizerSettings settings, List<NDArray> parameters, NDManager stateManager) {
        super(settings, parameters);
        if (settings.momentum() > 0) {
            for (NDArray p : parameters()) {
                buffers.add(zerosLike(p, stateManager));
            }
        }
    }

    @Override
    void update(List<NDArray> gradients, NDManager step, long t) {
        OptimizerSettings s = settings();
        NDArray rate = scalar(step, s.learningRate());
        NDArray decay = scalar(step, s.weightDecay());
        NDArray momentum = scalar(step, s.momentum());
        for (int i = 0; i < parameters().size(); i++) {
            NDArray p = parameters().get(i);
            NDArray d = gradients.get(i);
            if (s.weightDecay() > 0) {
                d = d.add(temporary(p.mul(decay), step));
            }
            if (s.momentum() > 0) {
                NDArray b = buffers.get(i);
                if (t > 1) {
                    b.muli(momentum);
                }
                d = b.addi(d);
            }
            p.subi(temporary(d.mul(rate), step));
        }
    }
}
