package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pipeline run tells its listener FedPipe's plan of every client once: what fits, at which precision and ranks. */
class FedPipePlanTest {

    @Test
    void everyClientsPlanOrWhyNoneFitsReachesTheListenerOnce(@TempDir Path dir) throws IOException {
        // Prepare: clients 1 and 3 have 100 MB, which holds no base with its activations; 0 and 2 have 4 GB
        List<FedPipePlan> plans = new ArrayList<>();
        RecordingListener listener = new RecordingListener() {
            @Override
            public void fedPipePlan(FedPipePlan plan) {
                plans.add(plan);
            }
        };

        // Execute
        Simulation.run(MemoryCheckTest.fourClients(dir, "lorasim.run { variant = pipeline, algorithm = fedpipe }\n"),
                listener, null);

        // Assert
        assertThat(plans).hasSize(1);
        List<FedPipePlan.Row> rows = plans.get(0).rows();
        assertThat(rows).extracting(FedPipePlan.Row::client).containsExactly(0, 1, 2, 3);
        assertThat(rows).extracting(FedPipePlan.Row::planned).containsExactly(true, false, true, false);
        assertThat(List.of(rows.get(0), rows.get(2))).allSatisfy(r -> {
            assertThat(r.ranks()).isNotEmpty();
            assertThat(r.memoryBytes()).isPositive().isLessThanOrEqualTo(r.memoryBudgetBytes());
            assertThat(r.memoryBudgetBytes()).isEqualTo(4_000_000_000L);
            assertThat(r.reason()).isEmpty();
        });
        assertThat(List.of(rows.get(1), rows.get(3))).allSatisfy(r -> {
            assertThat(r.ranks()).isEmpty();
            assertThat(r.reason()).startsWith("memory");
        });
    }

    @Test
    void aCentralizedRunHasNoPlan() {
        List<FedPipePlan> plans = new ArrayList<>();
        Simulation.run(Scenarios.systemOnly(4, 1, ""), new RecordingListener() {
            @Override
            public void fedPipePlan(FedPipePlan plan) {
                plans.add(plan);
            }
        }, null);
        assertThat(plans).isEmpty();
    }
}
