package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The loaders on small files in each mirror layout ({@link TinyMirror}), and on the real files of the
 * project's mirror (counts as in shared/datasets/README.md) when it is there (skipped otherwise).
 */
class StandardDatasetsTest {
    @TempDir
    Path cache;

    private StandardDatasets datasets() {
        return new StandardDatasets(MirrorData.locations(cache));
    }

    @Test
    void sst2() {
        // Execute
        TextDataset sst2 = datasets().load(StandardDatasets.SST2);

        // Assert: README: 60,614 + 6,735 / 872
        assertThat(sst2.splits()).containsExactly(Split.TRAIN, Split.VALIDATION, Split.TEST);
        assertThat(sst2.train()).hasSize(60_614);
        assertThat(sst2.validation()).hasSize(6_735);
        assertThat(sst2.test()).hasSize(872);
        assertThat(sst2.labelNames()).containsExactly("negative", "positive");
        assertThat(sst2.train().get(0)).isEqualTo(new Example("when are bears bears and ", 1));
        assertThat(sst2.test().get(1)).isEqualTo(new Example("unflinchingly bleak and desperate ", 0));
        assertThat(sst2.statistics(Split.TRAIN).labelCounts()).containsExactly(26_786, 33_828);
        assertThat(sst2.statistics(Split.TEST).labelCounts()).containsExactly(428, 444);
        assertThat(sst2.groups()).containsExactly(Example.NO_GROUP);
    }

    @Test
    void banking77() {
        // Execute
        TextDataset banking = datasets().load(StandardDatasets.BANKING77);

        // Assert: README: 10,003 train / 3,080 test, 77 intents in categories.json order
        assertThat(banking.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(banking.train()).hasSize(10_003);
        assertThat(banking.test()).hasSize(3_080);
        assertThat(banking.numLabels()).isEqualTo(77);
        assertThat(banking.labelNames().get(0)).isEqualTo("card_arrival");
        assertThat(banking.labelNames().get(76)).isEqualTo("country_support");
        assertThat(banking.train().get(0)).isEqualTo(new Example("I am still waiting on my card?", 0));
        assertThat(banking.statistics(Split.TRAIN).labelCounts()).allMatch(count -> count > 0);
        assertThat(banking.statistics(Split.TEST).labelCounts()).containsOnly(40); // 3,080 / 77
        assertThat(banking.train()).filteredOn(e -> e.text().contains("\n")).hasSize(10);
    }

    @Test
    void agNewsLabelsAreClassNames() {
        // Execute
        TextDataset agNews = datasets().load(StandardDatasets.AG_NEWS);

        // Assert: README: 10,001 (dev, a sample of train, so it is the training split) / 7,600; test has 1,900 per class
        assertThat(agNews.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(agNews.train()).hasSize(10_001);
        assertThat(agNews.test()).hasSize(7_600);
        assertThat(agNews.labelNames()).containsExactly("World", "Sports", "Business", "Sci/Tech");
        assertThat(agNews.statistics(Split.TEST).labelCounts()).containsExactly(1_900, 1_900, 1_900, 1_900);
        assertThat(agNews.statistics(Split.TRAIN).labelCounts()).containsExactly(2_509, 2_458, 2_496, 2_538);
        // test.tsv line 6 is quoted because the text holds quotes
        assertThat(agNews.test().get(5).text()).startsWith("The British Department for Education and Skills (DfES) "
                + "recently launched a \"Music Manifesto\" campaign");
        assertThat(agNews.statistics(Split.TEST).majorityFraction()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void agNewsWithoutTrainOrDevSaysWhatIsMissing(@TempDir Path mirror) throws IOException {
        // Prepare
        Files.createDirectories(mirror.resolve("agnews"));
        Files.writeString(mirror.resolve("agnews/test.tsv"), "a\tWorld\n");
        StandardDatasets datasets = new StandardDatasets(new DataLocations(Optional.of(mirror), cache));

        // Execute, Assert
        assertThatThrownBy(datasets::agNews).isInstanceOf(DatasetException.class)
                .hasMessageContaining("neither train.tsv nor dev.tsv").hasMessageContaining("./lorasim download-datasets agnews");
    }

    @Test
    void sst2Layout(@TempDir Path mirror) throws IOException {
        // Prepare
        TinyMirror.sst2(mirror, true);

        // Execute
        TextDataset sst2 = tiny(mirror).load(StandardDatasets.SST2);

        // Assert: GLUE's files are unquoted, so the '"' stays in the text
        assertThat(sst2.splits()).containsExactly(Split.TRAIN, Split.VALIDATION, Split.TEST);
        assertThat(sst2.train()).hasSize(4).contains(new Example("a \"gripping\" film ", 1));
        assertThat(sst2.validation()).containsExactly(new Example("fine work ", 1), new Example("not good ", 0));
        assertThat(sst2.test().get(1)).isEqualTo(new Example("unflinchingly bleak and desperate ", 0));
        assertThat(sst2.labelNames()).containsExactly("negative", "positive");
    }

    @Test
    void sst2WithoutDevHasNoValidationSplit(@TempDir Path mirror) throws IOException {
        // Prepare
        TinyMirror.sst2(mirror, false);

        // Execute, Assert
        assertThat(tiny(mirror).sst2().splits()).containsExactly(Split.TRAIN, Split.TEST);
    }

    @Test
    void banking77Layout(@TempDir Path mirror) throws IOException {
        // Prepare
        TinyMirror.banking77(mirror);

        // Execute
        TextDataset banking = tiny(mirror).load(StandardDatasets.BANKING77);

        // Assert: labels in categories.json order; a quoted text spans two lines
        assertThat(banking.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(banking.labelNames()).containsExactly("card_arrival", "card_linking", "exchange_rate");
        assertThat(banking.train()).containsExactly(new Example("I am still waiting on my card?", 0),
                new Example("How do I link my card,\nplease?", 1), new Example("What is the rate?", 2),
                new Example("Where is my card?", 0));
        assertThat(banking.test().get(2).text()).isEqualTo("Rate for \"EUR\"?");
    }

    @Test
    void agNewsMirrorLayoutTrainsOnDev(@TempDir Path mirror) throws IOException {
        // Prepare: the mirror's layout, dev.tsv (a sample of train) and test.tsv
        TinyMirror.agNews(mirror, false, true);

        // Execute
        TextDataset agNews = tiny(mirror).load(StandardDatasets.AG_NEWS);

        // Assert
        assertThat(agNews.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(agNews.train()).containsExactly(new Example("Oil falls.", 2), new Example("Rocket launch.", 3),
                new Example("Cup final.", 1));
        assertThat(agNews.test().get(1).text()).isEqualTo("launched a \"Music Manifesto\" campaign");
        assertThat(agNews.test()).extracting(Example::label).containsExactly(2, 3, 1, 0);
    }

    @Test
    void agNewsDownloadLayoutTrainsOnTrainAndNeverHoldsOutDev(@TempDir Path mirror) throws IOException {
        // Prepare: train.tsv (a download's) beside the mirror's dev.tsv, whose rows are rows of train
        TinyMirror.agNews(mirror, true, true);

        // Execute
        TextDataset agNews = tiny(mirror).agNews();

        // Assert
        assertThat(agNews.splits()).containsExactly(Split.TRAIN, Split.TEST);
        assertThat(agNews.train()).hasSize(5).first().isEqualTo(new Example("Stocks rise.", 2));
    }

    private StandardDatasets tiny(Path mirror) {
        return new StandardDatasets(new DataLocations(Optional.of(mirror), cache));
    }

    @Test
    void unknownIdListsTheKnownOnes() {
        // Execute, Assert
        assertThatThrownBy(() -> new StandardDatasets(new DataLocations(Optional.empty(), cache)).load("imdb")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("unknown dataset 'imdb'").hasMessageContaining("[agnews, banking77, sst2]");
    }

    @Test
    void badCategoriesFileIsNamed(@TempDir Path dir) throws IOException {
        // Prepare
        Path notArray = Files.writeString(dir.resolve("a.json"), "{\"a\": 1}");
        Path repeated = Files.writeString(dir.resolve("b.json"), "[\"x\", \"x\"]");
        Path broken = Files.writeString(dir.resolve("c.json"), "[\"x\",\n");

        // Execute, Assert
        assertThatThrownBy(() -> StandardDatasets.readCategories(notArray)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(notArray.toString()).hasMessageContaining("JSON array");
        assertThatThrownBy(() -> StandardDatasets.readCategories(repeated)).isInstanceOf(DatasetException.class)
                .hasMessageContaining("'x' is listed twice");
        assertThatThrownBy(() -> StandardDatasets.readCategories(broken)).isInstanceOf(DatasetException.class)
                .hasMessageContaining(broken.toString()).hasMessageContaining("malformed JSON");
    }
}
