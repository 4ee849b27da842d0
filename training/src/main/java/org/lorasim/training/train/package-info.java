/**
 * Local training of classifier adapters on the shared frozen MiniLM: {@link org.lorasim.training.train.Trainer}
 * (one per trainer slot) runs a {@link org.lorasim.training.train.TrainingRequest} and returns a
 * {@link org.lorasim.training.train.TrainingResult}; {@link org.lorasim.training.train.BaseModel} holds the
 * shared weights, tokenizers and quantized variants; {@link org.lorasim.training.train.FlopModel} counts
 * compute; {@link org.lorasim.training.train.ImportanceScorer} scores frozen matrices for FedPipe;
 * {@link org.lorasim.training.train.CentralizedRun} is the one-client reference run.
 */
package org.lorasim.training.train;
