package org.lorasim.training.llama;

import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.TrainingResult;

/**
 * Local training behind one contract: a fresh adapter for a LoRA spec and a seed, then a request (which
 * carries the starting adapter) in, a {@link TrainingResult} with the new adapter out. The decoder's
 * {@link CausalLmTrainer} implements it. The encoder's {@code Trainer} has the same pair of operations
 * (its {@code initialAdapter} also takes the head's class count), so a trainer slot can later hold either
 * behind this interface, chosen by the model it runs.
 *
 * @param <R> the request type
 */
public interface AdapterTraining<R> extends AutoCloseable {
    Adapter initialAdapter(LoraSpec spec, long seed);

    TrainingResult train(R request);

    @Override
    void close();
}
