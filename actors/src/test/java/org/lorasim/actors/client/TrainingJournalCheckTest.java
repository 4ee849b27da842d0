package org.lorasim.actors.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal entries carry a CRC32C checksum; a damaged entry is found by file and job before anything replays it. */
class TrainingJournalCheckTest {

    private static final byte[] PAYLOAD = "the Kryo bytes of a training outcome".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void anIntactEntryDecodesToItsPayload() {
        JournalEntry.Decoded decoded = JournalEntry.decode(JournalEntry.encode(PAYLOAD));

        assertThat(decoded.intact()).isTrue();
        assertThat(decoded.payload()).isEqualTo(PAYLOAD);
    }

    @Test
    void emptiedTruncatedAndChangedEntriesAreEachReportedWithTheirClientAndRound() throws IOException {
        // Prepare: one intact entry and three damaged ones
        byte[] entry = JournalEntry.encode(PAYLOAD);
        Files.write(dir.resolve("c0-r0-aa.kryo"), entry);
        Files.write(dir.resolve("c1-r0-bb.kryo"), new byte[0]);
        Files.write(dir.resolve("c2-r1-cc.kryo"), Arrays.copyOf(entry, entry.length - 5));
        byte[] changed = entry.clone();
        changed[JournalEntry.HEADER_BYTES + 3] ^= 0x10;
        Files.write(dir.resolve("c3-r2-dd.kryo"), changed);

        // Execute
        List<DamagedJournalException.Damage> damaged = TrainingJournal.check(dir);

        // Assert
        assertThat(damaged).extracting(d -> d.file().getFileName().toString())
                .containsExactly("c1-r0-bb.kryo", "c2-r1-cc.kryo", "c3-r2-dd.kryo");
        assertThat(damaged).extracting(DamagedJournalException.Damage::client).containsExactly(1, 2, 3);
        assertThat(damaged).extracting(DamagedJournalException.Damage::round).containsExactly(0, 1, 2);
        assertThat(damaged.get(0).problem()).contains("empty");
        assertThat(damaged.get(1).problem()).contains("truncated");
        assertThat(damaged.get(2).problem()).contains("checksum mismatch");
        assertThat(new DamagedJournalException(damaged).getMessage())
                .contains("c3-r2-dd.kryo: entry of client 3, round 2: checksum mismatch");
    }

    @Test
    void anEntryWithoutTheHeaderIsDamaged() throws IOException {
        Files.write(dir.resolve("c0-r0-aa.kryo"), PAYLOAD);

        assertThat(TrainingJournal.check(dir)).singleElement()
                .satisfies(d -> assertThat(d.problem()).contains("no LSJ1 header"));
    }

    @Test
    void setAsideMovesDamagedEntriesOutOfTheJournal() throws IOException {
        // Prepare
        Files.write(dir.resolve("c0-r0-aa.kryo"), JournalEntry.encode(PAYLOAD));
        Files.write(dir.resolve("c1-r0-bb.kryo"), new byte[0]);
        Path aside = dir.resolveSibling(dir.getFileName() + "-damaged");

        // Execute
        List<Path> moved = TrainingJournal.setAside(TrainingJournal.check(dir), aside);

        // Assert
        assertThat(moved).containsExactly(aside.resolve("c1-r0-bb.kryo"));
        assertThat(TrainingJournal.check(dir)).isEmpty();
        assertThat(dir.resolve("c0-r0-aa.kryo")).exists();
        assertThat(dir.resolve("c1-r0-bb.kryo")).doesNotExist();
    }

    @Test
    void aMissingJournalHasNothingDamaged() {
        assertThat(TrainingJournal.check(dir.resolve("none"))).isEmpty();
    }
}
