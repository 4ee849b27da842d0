package org.lorasim.actors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.policies.random.RngStreams;

class ProfileGeneratorTest {

    private static ProfileGenerator generator() {
        return new ProfileGenerator(
                new Distribution.StragglerMix(new Distribution.LogNormal(2e12, 0.5), 0.25, 5),
                new Distribution.Constant(4e9),
                new Distribution.Uniform(1e6, 1e7),
                new Distribution.Constant(5e7),
                new Distribution.Constant(0.05));
    }

    @Test
    void profileDependsOnlyOnSeedAndClient() {
        // Prepare
        ProfileGenerator generator = generator();

        // Execute
        DeviceProfile[] forward = new DeviceProfile[50];
        RngStreams streams = new RngStreams(9);
        for (int client = 0; client < 50; client++) {
            forward[client] = generator.profileOf(client, streams.stream("profile", client));
        }
        RngStreams fresh = new RngStreams(9);
        DeviceProfile[] backward = new DeviceProfile[50];
        for (int client = 49; client >= 0; client--) {
            backward[client] = generator.profileOf(client, fresh.stream("profile", client));
        }

        // Assert
        assertThat(backward).containsExactly(forward);
        assertThat(forward[3]).isNotEqualTo(forward[4]);
    }

    @Test
    void drawnProfileHasTheDistributionsValuesInItsUnits() {
        // Prepare
        ProfileGenerator generator = generator();

        // Execute
        int stragglers = 0;
        for (int client = 0; client < 400; client++) {
            DeviceProfile profile = generator.profileOf(client, new RngStreams(1).stream("profile", client));
            // Assert: constants pass through; 0.05 s = 50,000,000 ns
            assertThat(profile.memoryBytes()).isEqualTo(4_000_000_000L);
            assertThat(profile.downlinkBytesPerSecond()).isEqualTo(5e7);
            assertThat(profile.latencyNanos()).isEqualTo(50_000_000L);
            assertThat(profile.uplinkBytesPerSecond()).isBetween(1e6, 1e7);
            stragglers += profile.straggler() ? 1 : 0;
        }

        // Assert: 0.25 * 400 = 100, binomial sd sqrt(400 * 0.25 * 0.75) = 8.7, tolerance ~4 sd
        assertThat(stragglers).isBetween(65, 135);
    }

    @Test
    void timesFollowFromTheProfile() {
        // Prepare: 1e12 FLOP/s, 1e6 B/s up, 2e6 B/s down, 10 ms latency
        DeviceProfile profile = new DeviceProfile(1e12, 0, 1e6, 2e6, 10_000_000L, false);

        // Execute / Assert: 3e12 FLOP / 1e12 = 3 s; 10 ms + 1e6 B / 1e6 B/s = 1.01 s; 10 ms + 0.5 s
        assertThat(profile.computeNanos(3e12)).isEqualTo(3_000_000_000L);
        assertThat(profile.uploadNanos(1_000_000)).isEqualTo(1_010_000_000L);
        assertThat(profile.downloadNanos(1_000_000)).isEqualTo(510_000_000L);
    }

    @Test
    void tableGivesEachClientItsRow() {
        // Prepare
        String csv = """
                client,flops,memory,up,down,latency
                0,1e12,4000000000,1000000,5000000,0.02
                1,3.5e11,2000000000,250000,1000000,0.1
                """;

        // Execute
        DeviceTable table = DeviceTable.parse(new StringReader(csv), "devices.csv");
        ProfileGenerator generator = new ProfileGenerator(table);

        // Assert: latency 0.1 s = 100,000,000 ns
        assertThat(generator.usesTable()).isTrue();
        assertThat(generator.profileOf(1, null))
                .isEqualTo(new DeviceProfile(3.5e11, 2_000_000_000L, 250_000, 1_000_000, 100_000_000L, false));
        assertThat(generator.profileOf(0, null).flops()).isEqualTo(1e12);
        assertThatThrownBy(() -> generator.profileOf(2, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId 2");
    }

    @Test
    void tableColumnsMayComeInAnyOrder(@TempDir Path dir) throws Exception {
        // Prepare
        Path file = dir.resolve("devices.csv");
        Files.writeString(file, "latency,client,up,down,memory,flops\n0.5,3,10,20,30,40\n");

        // Execute
        DeviceTable table = DeviceTable.read(file);

        // Assert
        assertThat(table.profiles()).containsOnlyKeys(3);
        assertThat(table.get(3)).isEqualTo(new DeviceProfile(40, 30, 10, 20, 500_000_000L, false));
    }

    @Test
    void badTableRowsNameFileAndLine() {
        String header = "client,flops,memory,up,down,latency\n";
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader(header + "0,1,1,1,1,0\n1,x,1,1,1,0\n"), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("d.csv:3:").hasMessageContaining("flops").hasMessageContaining("'x'");
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader(header + "0,1,1,-5,1,0\n"), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("d.csv:2:").hasMessageContaining("uplinkBytesPerSecond");
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader(header + "0,1,1,1,1,0\n0,1,1,1,1,0\n"), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("d.csv:3:").hasMessageContaining("client 0 appears twice");
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader(header + "1.5,1,1,1,1,0\n"), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("d.csv:2:").hasMessageContaining("client id");
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader("client,flops,memory,up,down\n0,1,1,1,1\n"), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("d.csv:1:").hasMessageContaining("missing column 'latency'");
        assertThatThrownBy(() -> DeviceTable.parse(new StringReader(header), "d.csv"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no data rows");
    }

    @Test
    void badProfilesAreRejectedByName() {
        assertThatThrownBy(() -> new DeviceProfile(0, 1, 1, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flops");
        assertThatThrownBy(() -> new DeviceProfile(1, -1, 1, 1, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryBytes");
        assertThatThrownBy(() -> new DeviceProfile(1, 1, 1, 1, -3, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("latencyNanos");
        assertThatThrownBy(() -> generator().profileOf(-1, new RngStreams(1).stream("profile", 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId");
    }
}
