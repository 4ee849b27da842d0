package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lorasim.clients.memory-check}: a client of a centralized run whose memory cannot hold the frozen base,
 * its activations and its adapter never trains and is reported as not fitting; with the check off it trains.
 * System-only runs of the all-MiniLM-L6-v2 shape at the reference defaults (16 x 48 tokens, rank 8 on query and
 * value of 6 layers): fp32 base 90,852,864 bytes + activations 768 x 150,000 = 115,200,000 + 12 matrices x
 * (16 x 8 x 768 + 4 x 768 x 8) = 1,474,560, so 207,527,424 bytes.
 */
class MemoryCheckTest {

    private static final long RANK_8_NEED = 90_852_864L + 115_200_000L + 1_474_560L;

    /** Four clients: 1 and 3 with 100 MB (not even the base and its activations), 0 and 2 with 4 GB. */
    static Config fourClients(Path dir, String more) throws IOException {
        Path table = dir.resolve("devices.csv");
        Files.writeString(table, """
                client,flops,memory,up,down,latency
                0,2e12,4000000000,1e7,5e7,0.05
                1,2e12,100000000,1e7,5e7,0.05
                2,2e12,4000000000,1e7,5e7,0.05
                3,2e12,100000000,1e7,5e7,0.05
                """);
        return Scenarios.systemOnly(4, 3, "lorasim.clients.table = \"" + table.toString().replace("\\", "/")
                + "\"\nlorasim.rounds.fraction = 1.0\n" + more);
    }

    private static RecordingListener run(Config config) {
        RecordingListener listener = new RecordingListener();
        RunSummary summary = Simulation.run(config, listener, null);
        assertThat(summary.outcome()).isEqualTo("finished");
        return listener;
    }

    @Test
    void aClientWithTooLittleMemoryIsNeverSampledNorAggregatedAndIsReportedAsNotFitting(@TempDir Path dir)
            throws IOException {
        // Execute
        RecordingListener listener = run(fourClients(dir, ""));

        // Assert: only clients 0 and 2 are asked and aggregated, in every round
        assertThat(listener.rounds).hasSize(3).allSatisfy(r -> {
            assertThat(r.sampled()).isEqualTo(2);
            assertThat(r.participants()).isEqualTo(2);
        });
        assertThat(listener.participation).hasSize(3).allSatisfy(p -> {
            assertThat(p.tookPart()).containsExactly(0, 2);
            assertThat(p.of(ParticipationStatus.DOES_NOT_FIT)).containsExactly(1, 3);
            assertThat(p.of(ParticipationStatus.NOT_SAMPLED)).isEmpty();
            assertThat(p.failures()).isZero();
        });
        List<RunEvent> doNotFit = listener.events.stream().filter(e -> e.kind().equals("client-does-not-fit")).toList();
        assertThat(doNotFit).extracting(RunEvent::subject).containsExactly("client-1", "client-3");
        assertThat(doNotFit.get(0).detail()).contains("needs 207.5 MB", "fp32 base 90.9 MB", "768 tokens 115.2 MB",
                "rank-8 adapter", "its memory is 100.0 MB");
        assertThat(listener.events).filteredOn(e -> e.kind().equals("clients-do-not-fit")).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("2 of 4 clients do not fit").endsWith(": 1, 3"));
    }

    @Test
    void withTheCheckOffEveryClientTrainsAsBefore(@TempDir Path dir) throws IOException {
        // Execute
        RecordingListener off = run(fourClients(dir, "lorasim.clients.memory-check = off"));

        // Assert
        assertThat(off.participation).allSatisfy(p -> {
            assertThat(p.tookPart()).containsExactly(0, 1, 2, 3);
            assertThat(p.of(ParticipationStatus.DOES_NOT_FIT)).isEmpty();
        });
        assertThat(off.eventKinds()).doesNotContain("client-does-not-fit", "clients-do-not-fit");
    }

    @Test
    void aRunWhereEveryClientFitsIsTheRunWithoutTheCheck() {
        // Execute: 4 GiB each, the default
        RecordingListener on = run(Scenarios.systemOnly(4, 2, ""));
        RecordingListener off = run(Scenarios.systemOnly(4, 2, "lorasim.clients.memory-check = off"));

        // Assert
        assertThat(on.deterministicRounds()).isEqualTo(off.deterministicRounds());
        assertThat(on.events).isEqualTo(off.events);
        assertThat(on.participation).isEqualTo(off.participation);
    }

    @Test
    void theNeedIsFedPipesMemoryModelAtTheClientsOwnRank(@TempDir Path dir) throws IOException {
        // Prepare: 210 MB each; HetLoRA ranks 2 and 64 alternate. Rank 2: 206,052,864 + 12 x (16 x 2 x 768
        // + 4 x 768 x 2) = 206,421,504 fits; rank 64: 206,052,864 + 12 x (16 x 64 x 768 + 4 x 768 x 64) =
        // 217,849,344 does not.
        Config config = Scenarios.systemOnly(4, 1, """
                lorasim.run.algorithm = hetlora
                lorasim.model.rank = 64
                lorasim.algorithms.hetlora.client-ranks = [2, 64]
                lorasim.clients.memory { type = constant, value = 210000000 }
                """);

        // Execute
        RunSettings settings = RunSettings.from(config);
        List<MemoryFit.Shortfall> shortfalls = MemoryFit.shortfalls(settings, ClientFactories.syntheticInitial(settings),
                FedPipeSetup.Base.MINILM);
        RecordingListener listener = run(config);

        // Assert
        assertThat(shortfalls).extracting(MemoryFit.Shortfall::clientId).containsExactly(1, 3);
        assertThat(shortfalls).allSatisfy(f -> {
            assertThat(f.rank()).isEqualTo(64);
            assertThat(f.needBytes()).isEqualTo(217_849_344L);
        });
        assertThat(listener.participation.get(0).tookPart()).containsExactly(0, 2);
    }

    @Test
    void aQuantizedBaseNeedsLessMemory() {
        // Prepare: 200 MB each holds an int8 base (22,713,216 + 4 x 354,894 = 24,132,792) with the same activations
        // and adapter (140,807,352 bytes), not the fp32 one (RANK_8_NEED)
        String memory = "lorasim.clients.memory { type = constant, value = 200000000 }\n";
        RunSettings fp32 = RunSettings.from(Scenarios.systemOnly(2, 1, memory));
        RunSettings int8 = RunSettings.from(Scenarios.systemOnly(2, 1, memory + "lorasim.model.base-precision = int8"));

        // Execute
        List<MemoryFit.Shortfall> fp32Short = MemoryFit.shortfalls(fp32, ClientFactories.syntheticInitial(fp32),
                FedPipeSetup.Base.MINILM);
        List<MemoryFit.Shortfall> int8Short = MemoryFit.shortfalls(int8, ClientFactories.syntheticInitial(int8),
                FedPipeSetup.Base.MINILM);

        // Assert
        assertThat(fp32Short).hasSize(2).allSatisfy(f -> assertThat(f.needBytes()).isEqualTo(RANK_8_NEED));
        assertThat(int8Short).isEmpty();
    }

    @Test
    void fedPipesClientsWithoutAPlanAreReportedAsNotFittingWhateverTheCheckSays(@TempDir Path dir) throws IOException {
        // Prepare: 100 MB holds no base with its 115.2 MB of activations, even NF4's 12.8 MB one
        String pipeline = "lorasim.run { variant = pipeline, algorithm = fedpipe }\n";

        // Execute
        RecordingListener on = run(fourClients(dir, pipeline));
        RecordingListener off = run(fourClients(dir, pipeline + "lorasim.clients.memory-check = off"));

        // Assert
        for (RecordingListener l : List.of(on, off)) {
            assertThat(l.participation).allSatisfy(p -> {
                assertThat(p.tookPart()).containsExactly(0, 2);
                assertThat(p.of(ParticipationStatus.DOES_NOT_FIT)).containsExactly(1, 3);
            });
            assertThat(l.events).filteredOn(e -> e.kind().equals("clients-do-not-fit")).singleElement()
                    .satisfies(e -> assertThat(e.detail()).contains("2 of 4", "FedPipe's planner"));
        }
    }

    @Test
    void aBadValueNamesTheKey() {
        assertThatThrownBy(() -> Simulation.validate(Scenarios.systemOnly(2, 1, "lorasim.clients.memory-check = maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("lorasim.clients.memory-check")
                .hasMessageContaining("must be on or off, got 'maybe'");
    }
}
