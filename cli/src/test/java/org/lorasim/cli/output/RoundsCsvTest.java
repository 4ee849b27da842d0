package org.lorasim.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.actors.run.RoundRecord;

class RoundsCsvTest {

    @TempDir
    Path dir;

    @Test
    void headerAndARowAsWritten() {
        // Prepare: 1.5 simulated seconds
        RoundRecord r = new RoundRecord(0, 1_500_000_000L, 20, 0.25, Double.NaN, Double.NaN, 0.125, 100, 200, 10, 4,
                3, 1, 0, Double.NaN, "ab,cd", true);

        // Execute
        String csv = RoundsCsv.render(List.of(r));

        // Assert
        assertThat(csv).isEqualTo("round,sim_time_nanos,wall_millis,train_loss,accuracy,accuracy_spread,macro_f1,"
                + "perplexity,bytes_up,bytes_down,parameters,sampled,participants,stragglers,failures,consensus_distance,checksum,"
                + "synthetic,sim_seconds,average_model_accuracy\n"
                + "0,1500000000,20,0.25,NaN,NaN,0.125,NaN,100,200,10,4,3,1,0,NaN,\"ab,cd\",true,1.5,NaN\n");
    }

    @Test
    void aFileWrittenBeforeMacroF1ExistedReadsItAsNaN(@TempDir Path dir) throws IOException {
        // Prepare
        Path file = dir.resolve("rounds.csv");
        Files.writeString(file, "round,sim_time_nanos,wall_millis,train_loss,accuracy,accuracy_spread,"
                + "bytes_up,bytes_down,parameters,sampled,participants,stragglers,failures,consensus_distance,"
                + "checksum,synthetic,sim_seconds\n0,1500000000,20,0.25,0.5,NaN,100,200,10,4,3,1,0,NaN,ab,true,1.5\n");

        // Execute
        List<RoundRecord> read = RoundsCsv.read(file);

        // Assert
        assertThat(read).hasSize(1);
        assertThat(read.get(0).accuracy()).isEqualTo(0.5);
        assertThat(read.get(0).macroF1()).isNaN();
    }

    @Test
    void aGossipRoundsAverageModelAccuracyIsTheLastColumnAndReadsBack() throws IOException {
        // Prepare
        RoundRecord r = new RoundRecord(3, 2_000_000_000L, 40, 0.5, 0.75, 0.125, 0.7, Double.NaN, 100, 100, 10, 4, 4,
                0, 0, 0.0625, "ab", false, 0.8125);
        Path file = dir.resolve("rounds.csv");

        // Execute
        Files.writeString(file, RoundsCsv.render(List.of(r)));
        List<RoundRecord> read = RoundsCsv.read(file);

        // Assert
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).endsWith(",sim_seconds,average_model_accuracy");
        assertThat(lines.get(1)).endsWith(",ab,false,2.0,0.8125");
        assertThat(read).containsExactly(r);
        assertThat(read.get(0).averageModelAccuracy()).isEqualTo(0.8125);
    }

    @Test
    void aFileWrittenBeforeTheAverageModelColumnExistedReadsItAsNaN() throws IOException {
        // Prepare: the header and row of a gossip round as written before the column existed
        Path file = dir.resolve("rounds.csv");
        Files.writeString(file, "round,sim_time_nanos,wall_millis,train_loss,accuracy,accuracy_spread,macro_f1,"
                + "perplexity,bytes_up,bytes_down,parameters,sampled,participants,stragglers,failures,consensus_distance,"
                + "checksum,synthetic,sim_seconds\n"
                + "0,1500000000,20,0.25,0.75,0.125,0.7,NaN,100,100,10,4,4,0,0,0.0625,ab,false,1.5\n");

        // Execute
        List<RoundRecord> read = RoundsCsv.read(file);

        // Assert
        assertThat(read).hasSize(1);
        assertThat(read.get(0).accuracy()).isEqualTo(0.75);
        assertThat(read.get(0).consensusDistance()).isEqualTo(0.0625);
        assertThat(read.get(0).averageModelAccuracy()).isNaN();
    }

    @Test
    void randomRecordsReadBackBitForBit() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            // Prepare
            List<RoundRecord> records = new ArrayList<>();
            int count = random.nextInt(6);
            for (int r = 0; r < count; r++) {
                records.add(new RoundRecord(r, random.nextLong(1L << 50), random.nextLong(1L << 30),
                        maybeNaN(random), maybeNaN(random), maybeNaN(random), maybeNaN(random), maybeNaN(random),
                        random.nextLong(1L << 40),
                        random.nextLong(1L << 40), random.nextLong(1L << 30), random.nextInt(100),
                        random.nextInt(100), random.nextInt(100), random.nextInt(100), maybeNaN(random),
                        Long.toHexString(random.nextLong()) + (random.nextBoolean() ? ",\"q\"" : ""),
                        random.nextBoolean(), maybeNaN(random)));
            }
            Path file = dir.resolve("rounds-" + trial + ".csv");
            Files.writeString(file, RoundsCsv.render(records));

            // Execute
            List<RoundRecord> read = RoundsCsv.read(file);

            // Assert: record equality compares doubles with Double.compare, so NaN equals NaN
            assertThat(read).isEqualTo(records);
        }
    }

    private static double maybeNaN(SplittableRandom random) {
        return random.nextInt(4) == 0 ? Double.NaN : random.nextDouble() * Math.pow(10, random.nextInt(-5, 6));
    }
}
