package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The accuracy of the clients' average adapter in tiny real Dec-LoRA runs (DJL training of all-MiniLM-L6-v2 on
 * the built-in LanguageTool task): 4 clients, 2 iterations of 2 local steps of 4 examples of at most 24 tokens.
 */
class AverageAdapterAccuracyTest {
    private static final String TINY = """
            lorasim.clients.count = 4
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.references.linear-probe = off
            lorasim.run { rounds = 2, variant = decentralized, algorithm = dec-lora }
            """;

    private static RecordingListener run(String topology) {
        RecordingListener listener = new RecordingListener();
        Simulation.run(Scenarios.of(TINY + "lorasim.algorithms.dec-lora.topology = " + topology), listener, null);
        return listener;
    }

    @Test
    void onACompleteGraphTheAverageAdapterIsEveryClientsAdapterSoItsAccuracyIsTheirMean() {
        // Execute: Metropolis-Hastings weights on 4 nodes are all exactly 1/4, so one gossip step leaves every
        // node with the same adapter
        RecordingListener l = run("complete");

        // Assert
        assertThat(l.summary.outcome()).isEqualTo("finished");
        assertThat(l.rounds).hasSize(2).allSatisfy(r -> {
            assertThat(r.consensusDistance()).isZero();
            assertThat(r.accuracySpread()).isZero();
            assertThat(r.averageModelAccuracy()).isBetween(0.0, 1.0).isEqualTo(r.accuracy());
        });
        assertThat(l.before.averageModelAccuracy()).isNaN();
    }

    @Test
    void onARingTheAverageAdapterIsEvaluatedEveryRoundAndRepeatsUnderOneSeed() {
        // Execute
        RecordingListener first = run("ring");
        RecordingListener second = run("ring");

        // Assert: the clients disagree, and the average is one more model, evaluated without drawing on the run's
        // random streams
        assertThat(first.rounds).hasSize(2).allSatisfy(r -> {
            assertThat(r.consensusDistance()).isPositive();
            assertThat(r.averageModelAccuracy()).isBetween(0.0, 1.0);
        });
        assertThat(second.deterministicRounds()).isEqualTo(first.deterministicRounds());
    }

    @Test
    void aSystemOnlyGossipRunHasNoAverageModelAccuracy() {
        // Execute
        RecordingListener l = new RecordingListener();
        Simulation.run(Scenarios.systemOnly(4, 2, "lorasim.run { variant = decentralized, algorithm = dec-lora }"), l,
                null);

        // Assert
        assertThat(l.rounds).hasSize(2).allSatisfy(r -> assertThat(r.averageModelAccuracy()).isNaN());
    }
}
