package org.lorasim.training.train;

import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * Which local optimiser runs on the adapter and with what constants. AdamW (Loshchilov and Hutter,
 * arXiv 1711.05101) with bias correction (Kingma and Ba, arXiv 1412.6980) and decoupled weight decay;
 * SGD with optional heavy-ball momentum and L2 weight decay added to the gradient, as
 * {@code torch.optim.SGD} does. The learning rate is constant over a request: schedules across rounds are
 * the caller's (it sends a new rate with each request).
 *
 * @param kind         {@link Kind#ADAMW} or {@link Kind#SGD}
 * @param learningRate finite and {@code > 0}
 * @param weightDecay  finite and {@code >= 0}
 * @param beta1        AdamW's first-moment decay in [0, 1); ignored by SGD
 * @param beta2        AdamW's second-moment decay in [0, 1); ignored by SGD
 * @param epsilon      AdamW's denominator guard, {@code > 0}; ignored by SGD
 * @param momentum     SGD's momentum in [0, 1); ignored by AdamW
 */
public record OptimizerSettings(Kind kind, double learningRate, double weightDecay, double beta1, double beta2,
                                double epsilon, double momentum) {

    public enum Kind { ADAMW, SGD }

    public OptimizerSettings {
        Objects.requireNonNull(kind, "optimizer kind");
        Checks.positive("learning rate", learningRate);
        Checks.nonNegative("weight decay", weightDecay);
        Checks.require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        Checks.require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        Checks.positive("epsilon", epsilon);
        Checks.require(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
    }

    /** AdamW with PyTorch's defaults betas (0.9, 0.999), epsilon 1e-8, and the given rate and decay. */
    public static OptimizerSettings adamW(double learningRate, double weightDecay) {
        return new OptimizerSettings(Kind.ADAMW, learningRate, weightDecay, 0.9, 0.999, 1e-8, 0);
    }

    /** SGD with the given rate and momentum, no weight decay. */
    public static OptimizerSettings sgd(double learningRate, double momentum) {
        return new OptimizerSettings(Kind.SGD, learningRate, 0, 0.9, 0.999, 1e-8, momentum);
    }

    public OptimizerSettings withLearningRate(double newRate) {
        return new OptimizerSettings(kind, newRate, weightDecay, beta1, beta2, epsilon, momentum);
    }

    public OptimizerSettings withWeightDecay(double newDecay) {
        return new OptimizerSettings(kind, learningRate, newDecay, beta1, beta2, epsilon, momentum);
    }
}
