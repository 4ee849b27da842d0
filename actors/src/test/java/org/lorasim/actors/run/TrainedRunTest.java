package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.actors.trainer.TrainingHook;

/**
 * End-to-end runs with real DJL training of all-MiniLM-L6-v2 on the built-in LanguageTool task, tiny sizes:
 * 4 clients split by rule category, 2 rounds of 2 local steps of 4 examples of at most 24 tokens.
 */
class TrainedRunTest {
    private static final String TINY = """
            lorasim.clients.count = 4
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.algorithms { flexlora.client-ranks = [2, 4], hetlora.client-ranks = [2, 4] }
            lorasim.algorithms.sa-fedlora.final-rank = 2
            lorasim.algorithms.fedpipe.ranks = [2, 4]
            """;

    private static RecordingListener run(String variant, String algorithm, String more) {
        RecordingListener listener = new RecordingListener();
        Simulation.run(Scenarios.of(TINY + "lorasim.run { rounds = 2, variant = " + variant + ", algorithm = "
                + algorithm + " }\n" + more), listener, null);
        return listener;
    }

    @Test
    void aTrainedRunToldItsListenerTheMajorityAndLinearProbeReferences() {
        // Execute
        RecordingListener on = run("centralized", "fedit", "");
        RecordingListener off = run("centralized", "fedit", "lorasim.references.linear-probe = off");

        // Assert
        assertThat(on.references).extracting(Reference::id).containsExactly(Reference.MAJORITY, Reference.LINEAR_PROBE);
        assertThat(on.references).allSatisfy(r -> assertThat(r.accuracy()).isBetween(0.0, 1.0));
        assertThat(off.references).extracting(Reference::id).containsExactly(Reference.MAJORITY);
        assertThat(off.references.get(0)).isEqualTo(on.references.get(0));
        assertThat(off.summary.finalAccuracy()).isEqualTo(on.summary.finalAccuracy());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"centralized | fedit | ''", "centralized | fedprox | ''",
            "centralized | flexlora | ''", "centralized | hetlora | ''", "centralized | sa-fedlora | ''",
            "pipeline | fedpipe | ''", "decentralized | dec-lora | ''",
            "centralized | fedit | lorasim.aggregation { rule = median, dp { enabled = true, noise-multiplier = 0.01 } }",
            "centralized | fedprox | lorasim.aggregation { rule = multi-krum, krum-f = 0, multi-krum-m = 2 }"})
    void everyAlgorithmTrainsAggregatesAndEvaluatesEachRound(String variant, String algorithm, String more) {
        // Execute
        RecordingListener l = run(variant, algorithm, more);

        // Assert
        assertThat(l.summary.outcome()).isEqualTo("finished");
        assertThat(l.summary.synthetic()).isFalse();
        assertThat(l.initial).isBetween(0.0, 1.0);
        assertThat(l.rounds).hasSize(2).allSatisfy(r -> {
            assertThat(r.participants()).isPositive();
            assertThat(r.trainLoss()).isFinite().isPositive();
            assertThat(r.accuracy()).isBetween(0.0, 1.0);
            assertThat(r.macroF1()).isBetween(0.0, 1.0);
            assertThat(r.bytesUp()).isPositive();
            assertThat(r.bytesDown()).isPositive();
            assertThat(r.parameters()).isPositive();
            if (variant.equals("decentralized")) {
                assertThat(r.averageModelAccuracy()).isBetween(0.0, 1.0);
            } else {
                assertThat(r.averageModelAccuracy()).isNaN();
            }
        });
        assertThat(l.rounds.get(0).checksum()).isNotEqualTo(l.rounds.get(1).checksum());
        assertThat(l.before.macroF1()).isBetween(0.0, 1.0);
        assertThat(l.split.synthetic()).isFalse();
        assertThat(l.split.labelNames()).hasSize(2);
        assertThat(l.split.clients()).hasSize(4).allSatisfy(c -> {
            assertThat(c.examples()).isPositive();
            assertThat(c.labelCounts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(c.examples());
            assertThat(c.groups()).isNotEmpty();
        });
        if (algorithm.equals("flexlora")) {
            assertThat(l.split.clients()).extracting(ClientSplit.Client::rank).containsExactly(2, 4, 2, 4);
        }
    }

    @Test
    void twoRunsWithOneSeedGiveIdenticalMetricsAndAdapterChecksums() {
        // Execute
        RecordingListener first = run("centralized", "fedit", "lorasim.clients.compute.stragglers.fraction = 0.5");
        RecordingListener second = run("centralized", "fedit", "lorasim.clients.compute.stragglers.fraction = 0.5");

        // Assert
        assertThat(second.deterministicRounds()).isEqualTo(first.deterministicRounds());
        assertThat(second.initial).isEqualTo(first.initial);
        assertThat(second.summary.checksum()).isEqualTo(first.summary.checksum());
    }

    @Test
    void aTrainingHookGivenToTheRunSeesEveryTrainingOfEveryRound() {
        // Prepare: 4 clients, all sampled, 2 rounds = 8 trainings; the hook counts what the slots report.
        java.util.concurrent.atomic.AtomicInteger before = new java.util.concurrent.atomic.AtomicInteger();
        List<String> after = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        TrainingHook hook = new TrainingHook() {
            @Override
            public void beforeTraining(int slot, TrainerSlot.Train train) {
                before.incrementAndGet();
            }

            @Override
            public void afterTraining(int slot, TrainerSlot.Train train, TrainerSlot.Outcome outcome) {
                after.add(train.clientId() + ":" + outcome.getClass().getSimpleName());
            }
        };
        RecordingListener listener = new RecordingListener();

        // Execute
        Simulation.run(Scenarios.of(TINY + "lorasim.run.rounds = 2"), listener, null, hook);

        // Assert
        assertThat(listener.summary.outcome()).isEqualTo("finished");
        assertThat(listener.rounds.stream().mapToInt(RoundRecord::participants).sum()).isEqualTo(8);
        assertThat(before.get()).isEqualTo(8);
        assertThat(after).hasSize(8).allSatisfy(a -> assertThat(a).endsWith(":Trained"));
        assertThat(after.stream().map(a -> a.split(":")[0]).distinct().sorted()).containsExactly("0", "1", "2", "3");
    }
}
