package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void csvWithQuotedCommasQuotesAndLineBreaks() throws IOException {
        // Prepare: record 2 spans lines 3-4, so record 3 starts on line 5
        Path file = write("a.csv", "text,label\n"
                + "plain,pos\n"
                + "\"a, \"\"quoted\"\"\nline\",neg\n"
                + "last,pos\n");
        TabularFormat format = TabularFormat.csv("text", "label", LabelMapping.byName(List.of("neg", "pos")));

        // Execute
        List<TabularReader.Row> rows = TabularReader.readRows(file, format);
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(rows).extracting(TabularReader.Row::line).containsExactly(2L, 3L, 5L);
        assertThat(examples).containsExactly(new Example("plain", 1), new Example("a, \"quoted\"\nline", 0),
                new Example("last", 1));
    }

    @Test
    void crlfLineEndingsBomAndBlankLinesAreTolerated() throws IOException {
        // Prepare
        Path file = write("b.csv", "\uFEFFtext,label\r\nx,1\r\n\r\ny,0\r\n");
        TabularFormat format = TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("no", "yes")));

        // Execute
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(examples).containsExactly(new Example("x", 1), new Example("y", 0));
    }

    @Test
    void quotedTsvUnquotesLikePythonsCsvModule() throws IOException {
        // Prepare: pandas quotes a field holding a quote; a quote inside an unquoted field stays as it is
        Path file = write("c.tsv", "\"say \"\"hi\"\"\"\tSports\nit's 5\" long\tWorld\n");
        TabularFormat format = TabularFormat.tsv("text", "label", LabelMapping.byName(StandardDatasets.AG_NEWS_LABELS))
                .withoutHeader(List.of("text", "label"));

        // Execute
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(examples).containsExactly(new Example("say \"hi\"", 1), new Example("it's 5\" long", 0));
    }

    @Test
    void unquotedTsvKeepsEveryQuote() throws IOException {
        // Prepare: GLUE style, a text may start with a quote that never closes
        Path file = write("d.tsv", "sentence\tlabel\n\" a quote opens here \t1\nplain \t0\n");
        TabularFormat format = TabularFormat.tsv("sentence", "label", LabelMapping.byIndex(StandardDatasets.SST2_LABELS))
                .withoutQuoting();

        // Execute
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(examples).containsExactly(new Example("\" a quote opens here ", 1), new Example("plain ", 0));
    }

    @Test
    void groupColumnAndColumnsInAnyOrder() throws IOException {
        // Prepare
        Path file = write("e.csv", "id,label,domain,text\n1,b,news,first\n2,a,chat,second\n");
        TabularFormat format = TabularFormat.csv("text", "label", LabelMapping.byName(List.of("a", "b")))
                .withGroupColumn("domain");

        // Execute
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(examples).containsExactly(new Example("first", 1, "news"), new Example("second", 0, "chat"));
    }

    @Test
    void jsonLinesWithNumericLabelsAndBlankLines() throws IOException {
        // Prepare
        Path file = write("f.jsonl", "{\"text\": \"one\", \"y\": 1, \"g\": \"u1\"}\n\n{\"y\": 0, \"text\": \"zero\", \"g\": 7}\n");
        TabularFormat format = TabularFormat.jsonl("text", "y", LabelMapping.byIndex(List.of("neg", "pos"))).withGroupColumn("g");

        // Execute
        List<TabularReader.Row> rows = TabularReader.readRows(file, format);
        List<Example> examples = TabularReader.readExamples(file, format);

        // Assert
        assertThat(rows).extracting(TabularReader.Row::line).containsExactly(1L, 3L);
        assertThat(examples).containsExactly(new Example("one", 1, "u1"), new Example("zero", 0, "7"));
    }

    @Test
    void discoveredLabelsAreSortedNumericallyOverAllSplits() throws IOException {
        // Prepare: values 10 and 2 in train, 1 only in test; numeric order 1 < 2 < 10 (string order would put 10 first)
        Path train = write("train.csv", "t,l\na,10\nb,2\n");
        Path test = write("test.csv", "t,l\nc,1\n");
        TabularFormat format = TabularFormat.csv("t", "l", LabelMapping.discovered());

        // Execute
        TextDataset dataset = TabularReader.readDataset("x", Map.of(Split.TRAIN, train, Split.TEST, test), format);

        // Assert
        assertThat(dataset.labelNames()).containsExactly("1", "2", "10");
        assertThat(dataset.train()).extracting(Example::label).containsExactly(2, 1);
        assertThat(dataset.test()).extracting(Example::label).containsExactly(0);
    }

    @Test
    void missingFileIsNamed() {
        // Prepare
        Path file = dir.resolve("absent.csv");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("t", "l", LabelMapping.byIndex(List.of("a")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("file not found");
    }

    @Test
    void wrongColumnNameNamesColumnHeaderAndFile() throws IOException {
        // Prepare
        Path file = write("g.csv", "text,category\nx,a\n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byName(List.of("a")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("no column 'label'")
                .hasMessageContaining("[text, category]");
    }

    @Test
    void missingJsonFieldNamesFieldAndFieldsFound() throws IOException {
        // Prepare
        Path file = write("h.jsonl", "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"lbl\": 1}\n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.jsonl("text", "label", LabelMapping.byIndex(List.of("a", "b")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":2")
                .hasMessageContaining("no field 'label'")
                .hasMessageContaining("[text, lbl]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "text,label\n", "text,label\n\n\n"})
    void emptyFileNamesTheFile(String content) throws IOException {
        // Prepare
        Path file = write("empty.csv", content);

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("a")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("holds no examples")
                .satisfies(e -> assertThat(((DatasetException) e).file()).contains(file));
    }

    @Test
    void rowWithTooFewFieldsGivesFileAndLine() throws IOException {
        // Prepare
        Path file = write("i.csv", "text,label\nok,0\nno label here\nok,1\n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("a", "b")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":3:")
                .hasMessageContaining("expected 2 fields")
                .satisfies(e -> assertThat(((DatasetException) e).line()).isEqualTo(3));
    }

    @Test
    void unclosedQuoteGivesFileAndLine() throws IOException {
        // Prepare
        Path file = write("j.csv", "text,label\nok,0\n\"never closed,1\n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("a", "b")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("malformed CSV")
                .satisfies(e -> assertThat(((DatasetException) e).line()).isGreaterThanOrEqualTo(3));
    }

    @Test
    void malformedJsonGivesFileAndLine() throws IOException {
        // Prepare
        Path file = write("k.jsonl", "{\"text\": \"a\", \"label\": 0}\n{\"text\": \"b\", \"label\": \n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.jsonl("text", "label", LabelMapping.byIndex(List.of("a", "b")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":2:").hasMessageContaining("malformed JSON");
    }

    @Test
    void unknownLabelValueListsTheKnownOnes() throws IOException {
        // Prepare
        Path file = write("l.tsv", "text\tlabel\nfine\tWorld\nodd\tWeather\n");
        TabularFormat format = TabularFormat.tsv("text", "label", LabelMapping.byName(StandardDatasets.AG_NEWS_LABELS));

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, format))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":3:")
                .hasMessageContaining("unknown label value 'Weather'")
                .hasMessageContaining("[Business, Sci/Tech, Sports, World]");
    }

    @Test
    void blankTextIsRejectedWithItsLine() throws IOException {
        // Prepare
        Path file = write("m.csv", "text,label\n  ,0\n");

        // Execute, Assert
        assertThatThrownBy(() -> TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("a")))))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file + ":2:").hasMessageContaining("empty text in column 'text'");
    }

    @Test
    void headerlessFormatMustNameItsColumns() {
        // Execute, Assert
        assertThatThrownBy(() -> TabularFormat.tsv("text", "label", LabelMapping.discovered()).withoutHeader(List.of("text", "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column 'label' is not among columnNames [text, y]");
        assertThatThrownBy(() -> TabularFormat.csv(" ", "label", LabelMapping.discovered()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("textColumn");
    }

    /** Random texts with commas, quotes, tabs and line breaks survive an RFC 4180 write and a read. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void csvRoundTripsRandomTexts(long seed) throws IOException {
        // Prepare
        SplittableRandom random = new SplittableRandom(seed);
        String alphabet = "ab ,\"\t\n\r;'x";
        List<Example> expected = new ArrayList<>();
        StringBuilder csv = new StringBuilder("label,text\n");
        int rows = 1 + random.nextInt(30);
        for (int i = 0; i < rows; i++) {
            StringBuilder text = new StringBuilder("w");
            int length = random.nextInt(12);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String value = text.toString().replace("\r", "");
            int label = random.nextInt(3);
            expected.add(new Example(value, label));
            csv.append(label).append(",\"").append(value.replace("\"", "\"\"")).append("\"\n");
        }
        Path file = write("random.csv", csv.toString());

        // Execute
        List<Example> read = TabularReader.readExamples(file, TabularFormat.csv("text", "label", LabelMapping.byIndex(List.of("a", "b", "c"))));

        // Assert
        assertThat(read).isEqualTo(expected);
    }
}
