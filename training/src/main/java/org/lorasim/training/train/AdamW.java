package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", arXiv 1711.05101) in the form of
 * {@code torch.optim.AdamW}: with step {@code t} from 1, rate {@code lr}, decay {@code wd},
 * <pre>
 *   p = p (1 - lr wd)                                   decoupled weight decay
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2    moments (Kingma and Ba, arXiv 1412.6980)
 *   p = p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)     bias-corrected step
 * </pre>
 * Bias corrections are computed in double and applied as float32 scalars.
 */
public final class AdamW extends ParameterOptimizer {
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();

    AdamW(OptimizerSettings settings, List<NDArray> parameters, NDManager stateManager) {
        super(settings, parameters);
        for (NDArray p : parameters()) {
            firstMoments.add(zerosLike(p, stateManager));
            secondMoments.add(zerosLike(p, stateManager));
        }
    }

    @Override
    void update(List<NDArray> gradients, NDManager step, long t) {
        OptimizerSettings s = settings();
        double lr = s.learningRate();
        double correction1 = 1 - Math.pow(s.beta1(), t);
        double correction2 = 1 - Math.pow(s.beta2(), t);
        NDArray decay = scalar(step, 1 - lr * s.weightDecay());
        NDArray beta1 = scalar(step, s.beta1());
        NDArray oneMinusBeta1 = scalar(step, 1 - s.beta1());
        NDArray beta2 = scalar(step, s.beta2());
        NDArray oneMinusBeta2 = scalar(step, 1 - s.beta2());
        NDArray sqrtCorrection2 = scalar(step, Math.sqrt(correction2));
        NDArray epsilon = scalar(step, s.epsilon());
        NDArray stepSize = scalar(step, lr / correction1);
        for (int i = 0; i < parameters().size(); i++) {
            NDArray p = parameters().get(i);
            NDArray g = gradients.get(i);
            NDArray m = firstMoments.get(i);
            NDArray v = secondMoments.get(i);
            if (s.weightDecay() > 0) {
                p.muli(decay);
            }
            m.muli(beta1).addi(g.mul(oneMinusBeta1));
            v.muli(beta2).addi(g.mul(g).muli(oneMinusBeta2));
            NDArray denominator = temporary(v.sqrt(), step).divi(sqrtCorrection2).addi(epsilon);
            p.subi(temporary(m.div(denominator), step).muli(stepSize));
        }
    }
}
