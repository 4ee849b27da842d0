/**
 * Scoring classifier adapters on held-out examples: accuracy, macro-F1 and cross-entropy
 * ({@link org.lorasim.training.eval.Evaluator}, {@link org.lorasim.training.eval.ClassificationMetrics}).
 */
package org.lorasim.training.eval;
