package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.linalg.SvdRoute;

/**
 * {@code lorasim.algorithms.flexlora.svd} and {@code kernel} choose how FlexLoRA's server decomposes the round's
 * product sum; every route gives the same model up to rounding, so a trained run through the Gram route on
 * libtorch's BLAS evaluates as the exact factored route does.
 */
class FlexLoraSvdSettingsTest {
    private static final String TINY = """
            lorasim.clients.count = 4
            lorasim.training { local-steps = 2, batch-size = 4, max-length = 24 }
            lorasim.data { max-examples-per-client = 12, eval-examples = 24 }
            lorasim.model.rank = 4
            lorasim.algorithms.flexlora.client-ranks = [2, 4]
            lorasim.run { rounds = 2, algorithm = flexlora }
            """;

    @Test
    void theDefaultIsTheExactFactoredRouteInJava() {
        AlgorithmSettings a = RunSettings.from(Scenarios.systemOnly(4, 2, "lorasim.run.algorithm = flexlora")).algorithms();
        assertThat(a.flexLoraSvd()).isEqualTo(SvdRoute.FACTORED);
        assertThat(a.flexLoraKernel()).isEqualTo("java");
    }

    @Test
    void anUnknownRouteOrKernelIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 2, "lorasim.algorithms.flexlora.svd = qr")))
                .hasMessageContaining("lorasim.algorithms.flexlora.svd").hasMessageContaining("qr");
        assertThatThrownBy(() -> RunSettings.from(Scenarios.systemOnly(4, 2, "lorasim.algorithms.flexlora.kernel = cuda")))
                .hasMessageContaining("lorasim.algorithms.flexlora.kernel").hasMessageContaining("cuda");
    }

    @Test
    void aTrainedRunThroughTheGramRouteOnTorchEvaluatesAsTheFactoredRoute() {
        // Execute
        RecordingListener factored = new RecordingListener();
        Simulation.run(Scenarios.of(TINY), factored, null);
        RecordingListener gram = new RecordingListener();
        Simulation.run(Scenarios.of(TINY + "lorasim.algorithms.flexlora { svd = gram, kernel = torch }"), gram, null);

        // Assert
        assertThat(gram.summary.outcome()).isEqualTo("finished");
        assertThat(gram.rounds).hasSize(2);
        for (int r = 0; r < 2; r++) {
            assertThat(gram.rounds.get(r).accuracy()).as("round %d", r).isEqualTo(factored.rounds.get(r).accuracy());
            assertThat(gram.rounds.get(r).macroF1()).as("round %d", r).isEqualTo(factored.rounds.get(r).macroF1());
            assertThat(gram.rounds.get(r).trainLoss()).as("round %d", r)
                    .isCloseTo(factored.rounds.get(r).trainLoss(), within(1e-4));
        }
    }
}
