package org.lorasim.training.eval;

/**
 * Classification quality on a list of examples.
 *
 * @param examples number of examples scored
 * @param accuracy share of examples whose arg-max class is the label
 * @param macroF1  unweighted mean of the per-class F1 over the classes that occur as a label or a
 *                 prediction (scikit-learn's {@code f1_score(average="macro")}; a class never predicted
 *                 correctly scores 0)
 * @param loss     mean softmax cross-entropy (natural log)
 * @param flops    forward FLOPs spent ({@code FlopModel.forwardFlops}); 0 when computed from given logits
 */
public record Evaluation(int examples, double accuracy, double macroF1, double loss, long flops) {

    public Evaluation withFlops(long newFlops) {
        return new Evaluation(examples, accuracy, macroF1, loss, newFlops);
    }
}
