package org.lorasim.actors.run;

import org.lorasim.policies.adapter.Adapter;

/**
 * Held-out quality of a model given by its adapter: the recorder's only window on it. A pure function of the
 * adapter (a fixed held-out sample, a fixed batch order), so a seeded run's figures repeat bit for bit.
 * {@link #NONE} answers NaN: not evaluated (system-only runs, where no model was trained).
 */
@FunctionalInterface
public interface ModelEvaluator {

    /**
     * @param accuracy fraction of held-out examples classified right
     * @param macroF1  unweighted mean of the per-class F1 ({@link org.lorasim.training.eval.Evaluation#macroF1()})
     */
    record Quality(double accuracy, double macroF1) {
        public static final Quality NOT_EVALUATED = new Quality(Double.NaN, Double.NaN);
    }

    Quality quality(Adapter adapter);

    ModelEvaluator NONE = adapter -> Quality.NOT_EVALUATED;
}
