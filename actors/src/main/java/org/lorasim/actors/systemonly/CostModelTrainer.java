package org.lorasim.actors.systemonly;

import java.util.Arrays;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.train.FlopModel;

/**
 * A FAKE trainer for system-only simulations: no model, no data; labelled synthetic in every output
 * ({@link TrainingOutcome#synthetic()} is always true). It lets a run study system dynamics (rounds,
 * stragglers, links, failures) with hundreds of thousands of clients.
 *
 * <p>For a {@link LocalTrainingJob} it returns:
 * <ul>
 *   <li>FLOPs: the real trainer's own count, {@code FlopModel.of(config, start).trainingFlops(batch, T)}
 *       summed over the job's steps (full batches, and the shorter last batch of each pass), with every
 *       sequence padded to {@code T = tokensPerExample}; {@code FlopModel} is plain arithmetic, no DJL
 *       object is made. The start adapter must therefore be a MiniLM classifier adapter (matrices named
 *       {@code layer.<i>.<matrix>} and a {@code head.weight}).</li>
 *   <li>compute time {@code = flops / job.flopsPerSecond()} simulated seconds;</li>
 *   <li>a {@link SyntheticUpdate} {@code (seed, learningRate * sqrt(steps))}: every value of the adapter
 *       (LoRA {@code A} and {@code B} of each matrix, and the head) moves by a seeded Gaussian-like amount
 *       of that standard deviation, the {@code sqrt(steps)} of a random walk of {@code steps} noisy steps;
 *       layout and ranks are unchanged. {@code learningRate} is a free knob, not an optimiser's rate.</li>
 *   <li>losses from a {@link SyntheticLossCurve} at progress {@code round * steps + step}.</li>
 * </ul>
 * Everything random comes from {@code RngStreams(runSeed).stream("cost-model", clientId, round)}: the
 * same (run seed, client, round) gives a bit-identical outcome; another client or round another one.
 * Cost per job: one FLOP-model evaluation (cached for the last start adapter seen) and {@code steps}
 * Gaussians, no adapter-sized work; the adapter-sized work happens once per aggregation
 * ({@link SyntheticUpdateSum}).
 */
public final class CostModelTrainer implements LocalTrainer {
    private final MiniLmConfig config;
    private final RngStreams streams;
    private final double learningRate;
    private final SyntheticLossCurve lossCurve;
    private volatile CachedFlopModel cached;

    private record CachedFlopModel(Adapter adapter, FlopModel model) {
    }

    /**
     * @param config       the encoder whose FLOPs are counted
     * @param runSeed      the run's seed
     * @param learningRate standard deviation of one step's synthetic change per value, finite and {@code >= 0}
     * @param lossCurve    the synthetic loss curve
     */
    public CostModelTrainer(MiniLmConfig config, long runSeed, double learningRate, SyntheticLossCurve lossCurve) {
        this.config = Objects.requireNonNull(config, "config");
        this.streams = new RngStreams(runSeed);
        this.learningRate = Checks.nonNegative("synthetic learning rate", learningRate);
        this.lossCurve = Objects.requireNonNull(lossCurve, "loss curve");
    }

    /** MiniLM-L6 counts, synthetic learning rate {@code 1e-3}, the default loss curve. */
    public static CostModelTrainer miniLm(long runSeed) {
        return new CostModelTrainer(MiniLmConfig.allMiniLmL6V2(), runSeed, 1e-3, SyntheticLossCurve.DEFAULT);
    }

    @Override
    public boolean synthetic() {
        return true;
    }

    @Override
    public TrainingOutcome train(LocalTrainingJob job) {
        Objects.requireNonNull(job, "job");
        long flops = flops(job);
        int steps = job.totalSteps();
        RandomGenerator random = streams.stream("cost-model", job.clientId(), job.round());
        SyntheticUpdate update = new SyntheticUpdate(random.nextLong(), learningRate * Math.sqrt(steps));
        double[] losses = lossCurve.sample((long) job.round() * steps, steps, random);
        long examples = job.examplesSeen();
        return new TrainingOutcome(true, null, update, Arrays.stream(losses).boxed().toList(), examples,
                Math.multiplyExact(examples, (long) job.tokensPerExample()), flops, flops / job.flopsPerSecond());
    }

    /** The job's training FLOPs from the {@link FlopModel} of its start adapter. */
    public long flops(LocalTrainingJob job) {
        FlopModel model = flopModel(job.start());
        long steps = job.totalSteps();
        long partial = steps / job.stepsPerPass();
        long full = steps - partial;
        long t = job.tokensPerExample();
        int b = job.effectiveBatch();
        long flops = Math.multiplyExact(full, model.trainingFlops(b, (int) t));
        if (partial > 0) {
            flops = Math.addExact(flops, Math.multiplyExact(partial, model.trainingFlops(job.lastBatchOfPass(), (int) t)));
        }
        return flops;
    }

    private FlopModel flopModel(Adapter start) {
        CachedFlopModel c = cached;
        if (c != null && c.adapter() == start) {
            return c.model();
        }
        FlopModel model = FlopModel.of(config, start);
        cached = new CachedFlopModel(start, model);
        return model;
    }
}
