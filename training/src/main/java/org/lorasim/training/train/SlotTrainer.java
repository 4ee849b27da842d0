package org.lorasim.training.train;

/**
 * What a trainer slot holds on its thread: trains one {@link TrainingRequest} at a time over a frozen base
 * that many such trainers share. The encoder's {@link Trainer} and the decoder's
 * {@code org.lorasim.training.llama.DecoderTrainer} implement it, so every algorithm reaches either model
 * through the same request. An instance is used by one thread (DJL's per-thread autograd).
 */
public interface SlotTrainer extends AutoCloseable {

    /**
     * @throws IllegalArgumentException when the request does not fit the model
     * @throws IllegalStateException    when the loss stops being finite
     */
    TrainingResult train(TrainingRequest request);

    @Override
    void close();

    /** Makes one {@link SlotTrainer} per slot thread over one shared frozen base. */
    @FunctionalInterface
    interface Factory {
        SlotTrainer newTrainer();

        /** The encoder's trainers over {@code base}. */
        static Factory of(BaseModel base) {
            java.util.Objects.requireNonNull(base, "base model");
            return () -> new Trainer(base);
        }
    }
}
