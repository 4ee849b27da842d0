package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    @TempDir
    Path dir;

    /** reference (a=1, b=1, c=1, d=1) under application (b=2, c=2, d=2) under file (c=3, d=3) under --set (d=4). */
    private final ScenarioLoader loader = new ScenarioLoader(
            ConfigFactory.parseString("lorasim { b = 2, c = 2, d = 2 }")
                    .withFallback(ConfigFactory.parseString("lorasim { a = 1, b = 1, c = 1, d = 1, e = ${lorasim.a} }")));

    @Test
    void layersSetOverFileOverApplicationOverReference() throws IOException {
        // Prepare
        Path file = dir.resolve("layers.conf");
        Files.writeString(file, "lorasim { c = 3, d = 3 }\n");

        // Execute
        Scenario scenario = loader.load(file, List.of("lorasim.d=4"));

        // Assert
        assertThat(scenario.config().getInt("lorasim.a")).isEqualTo(1);
        assertThat(scenario.config().getInt("lorasim.b")).isEqualTo(2);
        assertThat(scenario.config().getInt("lorasim.c")).isEqualTo(3);
        assertThat(scenario.config().getInt("lorasim.d")).isEqualTo(4);
        assertThat(scenario.name()).isEqualTo("layers");
        assertThat(scenario.user().root().toConfig().getConfig("lorasim").root().keySet())
                .containsExactlyInAnyOrder("c", "d");
    }

    @Test
    void aLaterSetWinsAndKeepsItsOrigin() {
        // Execute
        Scenario scenario = loader.load(null, List.of("lorasim.a=5", "lorasim.a=7"));

        // Assert
        assertThat(scenario.config().getInt("lorasim.a")).isEqualTo(7);
        assertThat(scenario.user().getValue("lorasim.a").origin().description()).isEqualTo("--set lorasim.a=7");
        assertThat(scenario.name()).isEqualTo("default");
    }

    @Test
    void substitutionsResolveAcrossLayers() throws IOException {
        // Prepare: the reference's e = ${lorasim.a} sees the file's a
        Path file = dir.resolve("subst.conf");
        Files.writeString(file, "lorasim.a = 9\nlorasim.c = ${lorasim.b}\n");

        // Execute
        Scenario scenario = loader.load(file, List.of());

        // Assert
        assertThat(scenario.config().getInt("lorasim.e")).isEqualTo(9);
        assertThat(scenario.config().getInt("lorasim.c")).isEqualTo(2);
        assertThat(scenario.user().getInt("lorasim.c")).isEqualTo(2);
    }

    @Test
    void setValuesAreHocon() {
        // Execute
        Scenario scenario = loader.load(null, List.of("lorasim.a=[1, 2]", "lorasim.b={x = 1}", "lorasim.c=\"a b\""));

        // Assert
        assertThat(scenario.config().getIntList("lorasim.a")).containsExactly(1, 2);
        assertThat(scenario.config().getInt("lorasim.b.x")).isEqualTo(1);
        assertThat(scenario.config().getString("lorasim.c")).isEqualTo("a b");
    }

    @Test
    void anUnresolvableSubstitutionIsBadInput() throws IOException {
        // Prepare
        Path file = dir.resolve("broken.conf");
        Files.writeString(file, "lorasim.a = ${lorasim.nothing}\n");

        // Execute, Assert
        assertThatThrownBy(() -> loader.load(file, List.of()))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("lorasim.nothing");
    }

    @Test
    void theStandardDefaultsIncludeTheModulesReferenceConf() {
        // Execute
        Scenario scenario = ScenarioLoader.standard().load(null, List.of());

        // Assert
        assertThat(scenario.defaults().hasPath("lorasim.clients.count")).isTrue();
        assertThat(scenario.config().getInt("lorasim.clients.count"))
                .isEqualTo(scenario.defaults().getInt("lorasim.clients.count"));
    }

    @Test
    void aScenarioFileStartsFromTheDocumentedDefaultsNotFromTheDefaultScenario(@org.junit.jupiter.api.io.TempDir
                                                                                Path dir) throws java.io.IOException {
        // Prepare: the embedded default scenario scripts a crash and 12 clients; reference.conf has neither
        Path file = dir.resolve("mine.conf");
        java.nio.file.Files.writeString(file, "lorasim.run.rounds = 2\n");

        // Execute
        Scenario withFile = ScenarioLoader.standard().load(file, List.of());
        Scenario embedded = ScenarioLoader.standard().load(null, List.of());

        // Assert
        assertThat(embedded.config().getList("lorasim.scenario.events")).isNotEmpty();
        assertThat(withFile.config().getList("lorasim.scenario.events")).isEmpty();
        assertThat(withFile.config().getInt("lorasim.clients.count"))
                .isEqualTo(com.typesafe.config.ConfigFactory.defaultReference().getInt("lorasim.clients.count"));
        assertThat(withFile.config().getInt("lorasim.run.rounds")).isEqualTo(2);
    }
}
