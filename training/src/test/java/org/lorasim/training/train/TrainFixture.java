package org.lorasim.training.train;

import java.util.List;
import java.util.SplittableRandom;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.data.TextDataset;
import org.lorasim.training.model.MiniLmFixture;

/**
 * Shared by the trainer tests of one JVM: the MiniLM base over the model tests' weights, and seeded
 * samples of the built-in acceptability task (train examples and held-out rules).
 */
final class TrainFixture {
    static final BaseModel BASE = BaseModel.sharing(MiniLmFixture.WEIGHTS);
    static final TextDataset TASK = LanguageToolAcceptability.english().dataset();

    private TrainFixture() {
    }

    /** {@code n} training examples drawn without replacement with {@code seed}. */
    static List<Example> trainSample(int n, long seed) {
        return sample(TASK.train(), n, seed);
    }

    /** {@code n} held-out examples (rules never seen in training) drawn with {@code seed}. */
    static List<Example> heldOutSample(int n, long seed) {
        return sample(TASK.validation(), n, seed);
    }

    static List<Example> sample(List<Example> all, int n, long seed) {
        return org.lorasim.training.data.ExampleSample.of(all, n, new SplittableRandom(seed));
    }
}
