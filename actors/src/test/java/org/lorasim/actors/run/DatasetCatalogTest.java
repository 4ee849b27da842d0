package org.lorasim.actors.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.Split;
import org.lorasim.training.data.TextDataset;

/** {@code lorasim.data} settings to a dataset, on files a scenario in a temporary folder names. */
class DatasetCatalogTest {
    private static final String JSONL = "{\"text\": \"great\", \"label\": \"pos\", \"user\": \"u1\"}\n"
            + "{\"text\": \"awful\", \"label\": \"neg\", \"user\": \"u2\"}\n";

    @TempDir
    Path dir;

    /** The scenario file {@code dir/scenarios/s.conf} holding {@code hocon}, over the defaults. */
    private Config scenario(String hocon) throws IOException {
        Path file = Files.createDirectories(dir.resolve("scenarios")).resolve("s.conf");
        Files.writeString(file, hocon);
        return ConfigFactory.parseFile(file.toFile()).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    private Path write(String relative, String content) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void relativeFilesResolveAgainstTheScenarioFilesFolder() throws IOException {
        // Prepare
        write("scenarios/data/train.jsonl", JSONL);
        write("scenarios/data/test.jsonl", "{\"text\": \"fine\", \"label\": \"pos\", \"user\": \"u3\"}\n");
        Config config = scenario("lorasim.data { dataset = custom, custom { train = \"data/train.jsonl\", "
                + "test = \"data/*test*.jsonl\", group-column = user } }\n");

        // Execute
        DatasetCatalog.check(config);
        TextDataset data = DatasetCatalog.load(config);

        // Assert
        assertThat(data.name()).as("train.jsonl says nothing: its folder names the data").isEqualTo("data");
        assertThat(data.train()).containsExactly(new Example("great", 1, "u1"), new Example("awful", 0, "u2"));
        assertThat(data.has(Split.TEST)).isTrue();
        Config absolute = DatasetCatalog.withAbsoluteFiles(config);
        assertThat(absolute.getString("lorasim.data.custom.train"))
                .isEqualTo(dir.resolve("scenarios/data/train.jsonl").toString());
        assertThat(absolute.getString("lorasim.data.custom.test")).endsWith("scenarios/data/*test*.jsonl");
    }

    @Test
    void aMissingFileIsNamedAtItsKey() throws IOException {
        // Prepare
        Config config = scenario("lorasim.data.dataset = custom\nlorasim.data.custom.train = \"nowhere.jsonl\"\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s.conf: 2").hasMessageContaining("lorasim.data.custom.train")
                .hasMessageContaining("file not found: " + dir.resolve("scenarios/nowhere.jsonl"));
    }

    @Test
    void customWithoutTrainSaysWhichKeyItNeeds() throws IOException {
        // Prepare
        Config config = scenario("lorasim.data.dataset = custom\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.dataset").hasMessageContaining("needs lorasim.data.custom.train");
    }

    @Test
    void aColumnNotInTheFileListsTheColumnsThatAre() throws IOException {
        // Prepare
        write("scenarios/train.jsonl", JSONL);
        Config config = scenario("lorasim.data { dataset = custom\n custom { train = train.jsonl\n text-column = sentence } }\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("s.conf: 3").hasMessageContaining("lorasim.data.custom.text-column")
                .hasMessageContaining("no column 'sentence'").hasMessageContaining("[text, label, user]");
    }

    @Test
    void anUnknownFormatAndAnUnknownExtensionAreRefused() throws IOException {
        // Prepare
        write("scenarios/train.txt", "text,label\na,b\n");
        Config format = scenario("lorasim.data { dataset = custom, custom { train = train.txt, format = parquet } }\n");
        Config extension = scenario("lorasim.data { dataset = custom, custom { train = train.txt } }\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(format)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.custom.format").hasMessageContaining("unknown value 'parquet'");
        assertThatThrownBy(() -> DatasetCatalog.check(extension)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.custom.train").hasMessageContaining("cannot tell the format");
    }

    @Test
    void aLabelColumnWithOneClassIsRefused() throws IOException {
        // Prepare
        write("scenarios/train.csv", "text,label\na,x\nb,x\n");
        Config config = scenario("lorasim.data { dataset = custom, custom { train = train.csv } }\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.custom.label-column").hasMessageContaining("1 class only");
    }

    @Test
    void aBadRowIsReportedWithItsFileAndLineAtItsSplitsKey() throws IOException {
        // Prepare
        write("scenarios/train.csv", "text,label\na,x\nb,y\n");
        write("scenarios/test.csv", "text,label\nc,x\n,y\n");
        Config config = scenario("lorasim.data { dataset = custom, custom { train = train.csv, test = test.csv } }\n");

        // Execute, Assert
        assertThatThrownBy(() -> DatasetCatalog.check(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.custom.test").hasMessageContaining("test.csv:3: empty text");
    }

    @Test
    void theMirrorKeyFindsBuiltInsAndTheirAbsenceNamesTheCommandAndTheKey() throws IOException {
        // Prepare: a mirror folder beside the scenario with SST-2's layout; a cache that is empty
        write("scenarios/mirror/sst2/train.tsv", "sentence\tlabel\ngood \t1\nbad \t0\n");
        write("scenarios/mirror/sst2/test.tsv", "sentence\tlabel\nfine \t1\n");
        Config found = scenario("lorasim.data { dataset = sst2, mirror = mirror, cache = " + dir.resolve("cache") + " }\n");
        Config missing = scenario("lorasim.data { dataset = banking77, mirror = mirror, cache = " + dir.resolve("cache") + " }\n");

        // Execute
        TextDataset sst2 = DatasetCatalog.load(found);

        // Assert
        assertThat(sst2.train()).hasSize(2);
        assertThatThrownBy(() -> DatasetCatalog.check(missing)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("lorasim.data.dataset").hasMessageContaining("file train.csv not found")
                .hasMessageContaining("./lorasim download-datasets banking77 --cache " + dir.resolve("cache"))
                .hasMessageContaining("set lorasim.data.mirror");
    }
}
