package org.lorasim.training.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A few rows of each standard dataset, written in the mirror's layouts (shared/datasets/README.md) into a
 * test's folder, so that the loaders are tested on a clone with no mirror beside it. Each layout keeps
 * what its loader must handle: GLUE's unquoted TSV with a {@code "} inside a sentence; Banking77's quoted
 * CSV with a text spanning two lines and its categories.json; AG News' headerless TSV with class names and a
 * quoted text.
 */
final class TinyMirror {
    private TinyMirror() {
    }

    /** sst2/train.tsv (4 rows), test.tsv (2), and dev.tsv (2) when asked. */
    static void sst2(Path mirror, boolean withDev) throws IOException {
        write(mirror, "sst2/train.tsv", "sentence\tlabel\nwhen are bears bears and \t1\na \"gripping\" film \t1\n"
                + "dull and slow \t0\nbleak \t0\n");
        write(mirror, "sst2/test.tsv", "sentence\tlabel\na charming journey \t1\nunflinchingly bleak and desperate \t0\n");
        if (withDev) {
            write(mirror, "sst2/dev.tsv", "sentence\tlabel\nfine work \t1\nnot good \t0\n");
        }
    }

    /** banking77/train.csv (4 rows, one of two lines), test.csv (3), categories.json (3 intents). */
    static void banking77(Path mirror) throws IOException {
        write(mirror, "banking77/categories.json", "[\"card_arrival\", \"card_linking\", \"exchange_rate\"]\n");
        write(mirror, "banking77/train.csv", "text,category\nI am still waiting on my card?,card_arrival\n"
                + "\"How do I link my card,\nplease?\",card_linking\nWhat is the rate?,exchange_rate\n"
                + "Where is my card?,card_arrival\n");
        write(mirror, "banking77/test.csv", "text,category\nCard not here,card_arrival\nLink it,card_linking\n"
                + "\"Rate for \"\"EUR\"\"?\",exchange_rate\n");
    }

    /** agnews/test.tsv (4 rows), with train.tsv (a download's) and/or dev.tsv (the mirror's) as asked. */
    static void agNews(Path mirror, boolean withTrain, boolean withDev) throws IOException {
        write(mirror, "agnews/test.tsv", "Unions say they are 'disappointed'.\tBusiness\n"
                + "\"launched a \"\"Music Manifesto\"\" campaign\"\tSci/Tech\nA goal in extra time.\tSports\n"
                + "Talks on the border resume.\tWorld\n");
        if (withTrain) {
            write(mirror, "agnews/train.tsv", "Stocks rise.\tBusiness\nA new chip.\tSci/Tech\nA late win.\tSports\n"
                    + "Votes counted.\tWorld\nBanks merge.\tBusiness\n");
        }
        if (withDev) {
            write(mirror, "agnews/dev.tsv", "Oil falls.\tBusiness\nRocket launch.\tSci/Tech\nCup final.\tSports\n");
        }
    }

    private static void write(Path mirror, String file, String content) throws IOException {
        Path path = mirror.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
