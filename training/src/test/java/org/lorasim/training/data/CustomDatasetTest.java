package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own files, in each format, through {@link CustomDataset}. */
class CustomDatasetTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static CustomDataset dataset(Map<Split, List<Path>> files, List<String> labels) {
        return new CustomDataset("mine", files, Optional.empty(), "text", Optional.empty(), "label", Optional.empty(), labels);
    }

    @Test
    void jsonlCsvAndTsvByExtensionWithLabelsFromTheDataSorted() throws IOException {
        // Prepare: the same rows in three formats, one per split; labels seen in the order pos, neg, meh
        Path train = write("train.jsonl", "{\"text\": \"great\", \"label\": \"pos\", \"id\": 1}\n"
                + "{\"text\": \"awful\", \"label\": \"neg\"}\n\n{\"text\": \"fine\", \"label\": \"meh\"}\n");
        Path validation = write("dev.csv", "id,text,label\n1,\"good, really\",pos\n");
        Path test = write("test.tsv", "text\tlabel\nbad\tneg\n");

        // Execute
        TextDataset data = dataset(Map.of(Split.TRAIN, List.of(train), Split.VALIDATION, List.of(validation),
                Split.TEST, List.of(test)), List.of()).load();

        // Assert: names sorted, whatever the row order
        assertThat(data.labelNames()).containsExactly("meh", "neg", "pos");
        assertThat(data.train()).containsExactly(new Example("great", 2), new Example("awful", 1), new Example("fine", 0));
        assertThat(data.validation()).containsExactly(new Example("good, really", 2));
        assertThat(data.test()).containsExactly(new Example("bad", 1));
    }

    @Test
    void aGlobReadsItsMatchesSortedByPath() throws IOException {
        // Prepare
        write("shards/b.jsonl", "{\"text\": \"second\", \"label\": 1}\n");
        write("shards/a.jsonl", "{\"text\": \"first\", \"label\": 0}\n");
        write("shards/notes.txt", "not data\n");

        // Execute
        List<Path> files = DataFiles.expand(dir.resolve("shards/*.jsonl"));
        TextDataset data = dataset(Map.of(Split.TRAIN, files), List.of()).load();

        // Assert
        assertThat(files).containsExactly(dir.resolve("shards/a.jsonl"), dir.resolve("shards/b.jsonl"));
        assertThat(data.train()).extracting(Example::text).containsExactly("first", "second");
        assertThat(data.labelNames()).containsExactly("0", "1");
        assertThatThrownBy(() -> DataFiles.expand(dir.resolve("shards/*.csv"))).isInstanceOf(DatasetException.class)
                .hasMessageContaining("no file matches");
    }

    @Test
    void givenLabelNamesAcceptNamesOrIndices() throws IOException {
        // Prepare: a Hugging Face export writes class indices
        Path train = write("train.json", "{\"text\": \"a\", \"label\": 1}\n{\"text\": \"b\", \"label\": \"negative\"}\n");

        // Execute
        TextDataset data = dataset(Map.of(Split.TRAIN, List.of(train)), List.of("negative", "positive")).load();

        // Assert
        assertThat(data.labelNames()).containsExactly("negative", "positive");
        assertThat(data.train()).extracting(Example::label).containsExactly(1, 0);
    }

    @Test
    void sentencePairsAndGroups() throws IOException {
        // Prepare
        Path train = write("pairs.csv", "premise,hypothesis,label,site\nIt rains.,It is wet.,yes,north\n"
                + "It is dry.,It rains.,no,south\n");
        CustomDataset spec = new CustomDataset("nli", Map.of(Split.TRAIN, List.of(train)), Optional.empty(), "premise",
                Optional.of("hypothesis"), "label", Optional.of("site"), List.of());

        // Execute
        TextDataset data = spec.load();

        // Assert
        assertThat(data.train()).containsExactly(new Example("It rains. [SEP] It is wet.", 1, "north"),
                new Example("It is dry. [SEP] It rains.", 0, "south"));
        assertThat(TabularReader.columns(train, spec.formatOf(train))).containsExactly("premise", "hypothesis", "label", "site");
    }

    @Test
    void anUnknownExtensionOrParquetSaysWhatToDo() throws IOException {
        // Prepare
        Path parquet = write("train.parquet", "PAR1");
        Path txt = write("train.txt", "x");
        CustomDataset spec = dataset(Map.of(Split.TRAIN, List.of(parquet)), List.of());

        // Execute, Assert
        assertThatThrownBy(() -> spec.formatOf(parquet)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("Parquet is not supported").hasMessageContaining("JSONL");
        assertThatThrownBy(() -> spec.formatOf(txt)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(txt.toString()).hasMessageContaining(".csv, .tsv, .jsonl or .json");
    }
}
