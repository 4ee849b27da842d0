package org.lorasim.actors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.policies.random.RngStreams;

class ClientsSettingsTest {

    private static Config scenario(String text) {
        return ConfigFactory.parseString(text).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void referenceDefaultsAreReadable() {
        // Prepare
        Config config = ConfigFactory.defaultReference();

        // Execute
        ClientsSettings settings = ClientsSettings.from(config);

        // Assert: 4 GiB = 4 * 2^30 = 4,294,967,296 B; 10 MB = 10,000,000 B/s; 50 ms = 0.05 s
        assertThat(settings.count()).isEqualTo(10);
        assertThat(settings.compute()).isEqualTo(new Distribution.LogNormal(2e12, 0.5));
        assertThat(settings.memoryBytes()).isEqualTo(new Distribution.Constant(4_294_967_296.0));
        assertThat(settings.uplink()).isEqualTo(new Distribution.Constant(1e7));
        assertThat(settings.downlink()).isEqualTo(new Distribution.Constant(5e7));
        assertThat(settings.latencySeconds()).isEqualTo(new Distribution.Constant(0.05));
        assertThat(settings.table()).isNull();
        assertThat(settings.availability()).isEqualTo(new Availability.Always());
    }

    @Test
    void readsStragglersUniformAndMarkov() {
        // Prepare
        Config config = scenario("""
                lorasim.clients {
                  count = 100
                  compute { type = lognormal, median = 1e12, sigma = 0.3, stragglers { fraction = 0.2, slowdown = 5 } }
                  uplink { type = uniform, lo = 1 MB/s, hi = 4 MB }
                  latency { type = uniform, lo = 10ms, hi = 2s }
                  availability { type = markov, p-on-to-off = 0.1, p-off-to-on = 0.5, step = 30s }
                }
                """);

        // Execute
        ClientsSettings settings = ClientsSettings.from(config);

        // Assert
        assertThat(settings.compute()).isEqualTo(new Distribution.StragglerMix(new Distribution.LogNormal(1e12, 0.3), 0.2, 5));
        assertThat(settings.uplink()).isEqualTo(new Distribution.Uniform(1e6, 4e6));
        assertThat(settings.latencySeconds()).isEqualTo(new Distribution.Uniform(0.01, 2));
        OnOffMarkov markov = (OnOffMarkov) settings.availability(7);
        assertThat(markov.pOnToOff()).isEqualTo(0.1);
        assertThat(markov.pOffToOn()).isEqualTo(0.5);
        assertThat(markov.start()).isEqualTo(OnOffMarkov.Start.STATIONARY);
        assertThat(markov.stepNanos()).isEqualTo(30_000_000_000L);
        assertThat(markov.seed()).isEqualTo(7);
        DeviceProfile profile = settings.profileGenerator().profileOf(3, new RngStreams(1).stream("profile", 3));
        assertThat(profile.uplinkBytesPerSecond()).isBetween(1e6, 4e6);
    }

    @Test
    void readsBernoulliAndAConstantThatReplacesTheDefaultType() {
        // Prepare
        Config config = scenario("""
                lorasim.clients.compute { type = constant, value = 3e11 }
                lorasim.clients.availability { type = bernoulli, p = 0.25 }
                """);

        // Execute
        ClientsSettings settings = ClientsSettings.from(config);

        // Assert: the default lognormal's keys stay but are ignored
        assertThat(settings.compute()).isEqualTo(new Distribution.Constant(3e11));
        assertThat(settings.availability(9)).isEqualTo(new Availability.Bernoulli(0.25, 9));
    }

    @Test
    void readsTableAndTraceRelativeToTheScenarioFile(@TempDir Path dir) throws Exception {
        // Prepare
        Files.writeString(dir.resolve("devices.csv"), "client,flops,memory,up,down,latency\n0,1e12,8,1,2,0.5\n1,2e12,9,3,4,0\n");
        Files.writeString(dir.resolve("trace.csv"), "client,start,end\n1,10,20\n");
        Path scenario = dir.resolve("scenario.conf");
        Files.writeString(scenario, """
                lorasim.clients {
                  count = 2
                  table = devices.csv
                  availability { type = trace, file = trace.csv }
                }
                """);
        Config config = ConfigFactory.parseFile(scenario.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();

        // Execute
        ClientsSettings settings = ClientsSettings.from(config);

        // Assert: client 0 has no interval and missing-clients-available = false
        assertThat(settings.profileGenerator().profileOf(1, null))
                .isEqualTo(new DeviceProfile(2e12, 9, 3, 4, 0, false));
        Availability availability = settings.availability(1);
        assertThat(availability.availableAt(1, 0, 15_000_000_000L)).isTrue();
        assertThat(availability.availableAt(1, 0, 25_000_000_000L)).isFalse();
        assertThat(availability.availableAt(0, 0, 15_000_000_000L)).isFalse();
    }

    @Test
    void badValuesNameTheKeyAndTheFileAndLine(@TempDir Path dir) throws Exception {
        // Prepare
        Path scenario = dir.resolve("bad.conf");
        Files.writeString(scenario, """
                lorasim.clients {
                  availability { type = bernoulli, p = 1.5 }
                }
                """);
        Config config = ConfigFactory.parseFile(scenario.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();

        // Execute / Assert
        assertThatThrownBy(() -> ClientsSettings.from(config))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("bad.conf: 2")
                .hasMessageContaining("lorasim.clients.availability.p")
                .hasMessageContaining("probability in [0, 1], got 1.5");
    }

    @Test
    void unknownTypesAndKeysSuggestTheNearestKnownOne() {
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.compute.type = lognormel")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("lorasim.clients.compute.type")
                .hasMessageContaining("did you mean 'lognormal'?")
                .hasMessageContaining("[constant, lognormal, uniform]");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.availability.type = markow")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("did you mean 'markov'?")
                .hasMessageContaining("[always, bernoulli, markov, trace]");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.uplnk { type = constant, value = 1 }")))
                .isInstanceOf(ConfigException.BadPath.class)
                .hasMessageContaining("lorasim.clients.uplnk")
                .hasMessageContaining("did you mean 'uplink'?");
    }

    @Test
    void impossibleValuesAreRejectedByPath() {
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.uplink.value = -5 MB/s")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.uplink.value");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.downlink.value = 0")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.downlink.value")
                .hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.count = 0")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.count");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.compute.stragglers.fraction = -0.1")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("stragglers.fraction");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.compute.stragglers { fraction = 0.1, slowdown = 0.5 }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("stragglers.slowdown");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.memory { type = uniform, lo = 2 GiB, hi = 1 GiB }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.memory.hi");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.availability { type = markov, p-on-to-off = 0.1 }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("p-off-to-on")
                .hasMessageContaining("type = markov needs it");
        assertThatThrownBy(() -> ClientsSettings.from(scenario(
                "lorasim.clients.availability { type = markov, p-on-to-off = 0.1, p-off-to-on = 0.2, step = 0s }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("availability.step");
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients.memory.value = lots")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.memory.value")
                .hasMessageContaining("'lots'");
    }

    @Test
    void badFilesNameTheKeyAndTheFileLine(@TempDir Path dir) throws Exception {
        // Prepare
        Path table = dir.resolve("devices.csv");
        Files.writeString(table, "client,flops,memory,up,down,latency\n0,1,1,1,1,0\n");
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "client,start,end\n0,1,2\n0,4,3\n");

        // Execute / Assert: count = 2 but the table has only client 0
        assertThatThrownBy(() -> ClientsSettings.from(scenario("lorasim.clients { count = 2, table = \"" + table + "\" }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.table")
                .hasMessageContaining("no row for client 1");
        assertThatThrownBy(() -> ClientsSettings.from(scenario(
                "lorasim.clients.availability { type = trace, file = \"" + trace + "\" }")))
                .isInstanceOf(ConfigException.BadValue.class).hasMessageContaining("lorasim.clients.availability.file")
                .hasMessageContaining(trace + ":3:");
    }

    @Test
    void relativeFilesStayTheSameFilesWhenTheConfigIsCopiedElsewhere(@TempDir Path dir) throws Exception {
        // Prepare: a scenario in dir/scenarios names its table relative to itself
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("devices.csv"), "client,flops,memory,up,down,latency\n0,1,1,1,1,0\n");
        Path file = scenarios.resolve("s.conf");
        Files.writeString(file, "lorasim.clients { count = 1, table = \"devices.csv\" }\n");
        Config config = ConfigFactory.parseFile(file.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();

        // Execute: the absolute copy rendered and read back from another folder
        Path copy = Files.createDirectories(dir.resolve("run")).resolve("config.conf");
        Files.writeString(copy, ClientsSettings.withAbsoluteFiles(config).withOnlyPath("lorasim").root().render());
        Config reread = ConfigFactory.parseFile(copy.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();

        // Assert
        assertThat(reread.getString("lorasim.clients.table"))
                .isEqualTo(scenarios.resolve("devices.csv").toAbsolutePath().normalize().toString());
        assertThat(ClientsSettings.from(reread).table()).isNotNull();
        assertThat(ClientsSettings.withAbsoluteFiles(scenario("lorasim.clients.count = 3")).hasPath("lorasim.clients.table"))
                .isFalse();
    }
}
