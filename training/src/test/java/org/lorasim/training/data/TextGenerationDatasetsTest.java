package org.lorasim.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder's datasets: plain text, Alpaca JSON and LanguageTool corrections, on files the test writes and on the mirror. */
class TextGenerationDatasetsTest {

    @TempDir
    Path dir;

    @Test
    void plainTextIsCutIntoSpeechesGroupedBySpeakerWithTheLastTenthHeldOut() throws IOException {
        // Prepare
        StringBuilder play = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            play.append(i % 2 == 0 ? "First Citizen:\r\n" : "All:\r\n").append("Line ").append(i).append(".\r\n\r\n\r\n");
        }
        Path folder = Files.createDirectories(dir.resolve("mirror/tinyshakespeare"));
        Files.writeString(folder.resolve("input.txt"), play.toString());
        TextGenerationDatasets datasets = new TextGenerationDatasets(new DataLocations(Optional.of(dir.resolve("mirror")),
                dir.resolve("cache")));

        // Act
        TextDataset text = datasets.load(TextGenerationDatasets.TINY_SHAKESPEARE);

        // Assert
        assertThat(text.train()).hasSize(18);
        assertThat(text.validation()).extracting(Example::text).containsExactly("First Citizen:\nLine 18.", "All:\nLine 19.");
        assertThat(text.train().get(1).group()).isEqualTo("All");
        assertThat(text.groups()).containsExactly("All", "First Citizen");
        assertThat(text.labelNames()).containsExactly(PlainText.LABEL);
    }

    @Test
    void alpacaObjectsBecomeTemplatedTextsSplitAtTheResponse() throws IOException {
        // Prepare
        Path file = dir.resolve("a.json");
        Files.writeString(file, """
                [{"instruction": "Add the numbers.", "input": "2 and 3", "output": "5"},
                 {"instruction": "Say hello.", "input": "", "output": "Hello!"},
                 {"instruction": "Name a colour.", "output": "Blue"}]""");

        // Act
        TextDataset data = AlpacaInstructions.read(file, "tiny-alpaca");

        // Assert
        assertThat(data.train()).hasSize(3);
        InstructionTemplate.Parts first = InstructionTemplate.split(data.train().get(0).text()).orElseThrow();
        assertThat(first.prompt()).contains("paired with an input").contains("### Instruction:\nAdd the numbers.\n\n")
                .contains("### Input:\n2 and 3\n\n").endsWith(InstructionTemplate.RESPONSE_MARKER);
        assertThat(first.response()).isEqualTo("5");
        InstructionTemplate.Parts second = InstructionTemplate.split(data.train().get(1).text()).orElseThrow();
        assertThat(second.prompt()).doesNotContain("### Input:").startsWith("Below is an instruction that describes a task. ");
        assertThat(second.response()).isEqualTo("Hello!");
        assertThat(InstructionTemplate.split("plain text only")).isEmpty();
    }

    @Test
    void alpacaWithoutAnOutputNamesTheFileAndTheElement() throws IOException {
        // Prepare
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "[{\"instruction\": \"x\", \"output\": \"y\"}, {\"instruction\": \"z\"}]");

        // Act, Assert
        assertThatThrownBy(() -> AlpacaInstructions.read(file, "bad")).isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("element 1 has no \"output\"");
    }

    @Test
    void ruleExamplesWithAMarkedCorrectionBecomeCorrectionInstructions() {
        // Prepare
        String xml = """
                <rules><category id="GRAMMAR"><rule id="HE_GO">
                  <example correction="goes|went">He <marker>go</marker>   home.</example>
                  <example>He goes home.</example>
                </rule><rule id="A_AN">
                  <example correction="an">This is <marker>a</marker> apple.</example>
                  <example correction="">It is is <marker>is</marker> fine.</example>
                </rule></category></rules>""";
        List<LanguageToolExamples.RuleExample> rules = LanguageToolExamples.read(
                new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), Path.of("tiny.xml"));

        // Act
        TextDataset pairs = LanguageToolCorrections.from(rules, 0.5);

        // Assert
        assertThat(rules.get(0).corrected()).isEqualTo("He goes   home.");
        assertThat(rules.get(1).corrected()).isEmpty();
        List<Example> all = new java.util.ArrayList<>(pairs.train());
        if (pairs.has(Split.VALIDATION)) {
            all.addAll(pairs.validation());
        }
        assertThat(all).extracting(e -> InstructionTemplate.split(e.text()).orElseThrow().response())
                .containsExactlyInAnyOrder("He goes home.", "This is an apple.", "It is is fine.");
        assertThat(all).allSatisfy(e -> assertThat(e.group()).isEqualTo("GRAMMAR"));
        assertThat(InstructionTemplate.split(all.get(0).text()).orElseThrow().prompt())
                .contains("### Instruction:\nCorrect this sentence: ");
    }

    @Test
    void builtInCorrectionsHoldOutWholeRules() {
        // Act
        TextDataset pairs = new TextGenerationDatasets(new DataLocations(Optional.empty(), dir))
                .load(LanguageToolCorrections.ID);

        // Assert
        assertThat(pairs.train().size()).isGreaterThan(3000);
        assertThat(pairs.validation().size()).isGreaterThan(300);
        assertThat(pairs.train()).extracting(Example::subgroup)
                .doesNotContainAnyElementsOf(pairs.validation().stream().map(Example::subgroup).toList());
        assertThat(pairs.groups().size()).isGreaterThan(5);
    }

    @Test
    void realMirrorFilesLoad() {
        // Prepare
        TextGenerationDatasets datasets = new TextGenerationDatasets(MirrorData.locations(dir));

        // Act
        TextDataset shakespeare = datasets.load(TextGenerationDatasets.TINY_SHAKESPEARE);
        TextDataset alpaca = datasets.load(TextGenerationDatasets.ALPACA5000);

        // Assert
        assertThat(alpaca.train()).hasSize(4998);
        assertThat(shakespeare.train().size() + shakespeare.validation().size()).isBetween(7000, 8000);
        assertThat(shakespeare.train().get(0).text()).startsWith("First Citizen:\nBefore we proceed");
        assertThat(shakespeare.groups().size()).isGreaterThan(100);
    }
}
