package org.lorasim.actors.run;

import org.lorasim.policies.adapter.Adapter;

/**
 * Held-out accuracy of a model given by its adapter: the recorder's only window on quality. A pure function
 * of the adapter (a fixed held-out sample, a fixed batch order), so a seeded run's accuracies repeat bit for
 * bit. {@link #NONE} answers NaN: not evaluated (system-only runs, where no model was trained).
 */
@FunctionalInterface
public interface ModelEvaluator {

    double accuracy(Adapter adapter);

    ModelEvaluator NONE = adapter -> Double.NaN;
}
