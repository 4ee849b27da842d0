package org.lorasim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A few rows of each downloaded dataset in the layout the mirror and a download give it (README of
 * shared/datasets), and a user's own JSONL file, written into a test's folder so that every dataset runs end
 * to end on a clone with nothing beside it.
 */
final class DatasetLayouts {
    private static final String[] POSITIVE = {"a warm and funny film", "great acting", "a joy to watch",
            "moving and sharp", "brilliant", "wonderful story"};
    private static final String[] NEGATIVE = {"dull and slow", "a mess", "boring plot", "badly acted",
            "awful", "a waste of time"};

    private DatasetLayouts() {
    }

    /** sst2/train.tsv, dev.tsv and test.tsv, GLUE's unquoted TSV with a header. */
    static void sst2(Path mirror) throws IOException {
        StringBuilder train = new StringBuilder("sentence\tlabel\n");
        for (int i = 0; i < POSITIVE.length; i++) {
            train.append(POSITIVE[i]).append(" \t1\n").append(NEGATIVE[i]).append(" \t0\n");
        }
        write(mirror, "sst2/train.tsv", train.toString());
        write(mirror, "sst2/dev.tsv", "sentence\tlabel\nfine work \t1\nnot good \t0\nsuperb \t1\n");
        write(mirror, "sst2/test.tsv", "sentence\tlabel\na charming journey \t1\nbleak and desperate \t0\n");
    }

    /** banking77/train.csv, test.csv and categories.json: quoted CSV, a text over two lines; no validation. */
    static void banking77(Path mirror) throws IOException {
        write(mirror, "banking77/categories.json", "[\"card_arrival\", \"card_linking\", \"exchange_rate\"]\n");
        write(mirror, "banking77/train.csv", "text,category\nI am still waiting on my card?,card_arrival\n"
                + "\"How do I link my card,\nplease?\",card_linking\nWhat is the rate?,exchange_rate\n"
                + "Where is my card?,card_arrival\nLink a card,card_linking\nEuro rate today,exchange_rate\n");
        write(mirror, "banking77/test.csv", "text,category\nCard not here,card_arrival\nLink it,card_linking\n"
                + "\"Rate for \"\"EUR\"\"?\",exchange_rate\n");
    }

    /** agnews/train.tsv and test.tsv as a download writes them (headerless, class names); no dev.tsv. */
    static void agNews(Path mirror) throws IOException {
        write(mirror, "agnews/train.tsv", "Stocks rise.\tBusiness\nA new chip.\tSci/Tech\nA late win.\tSports\n"
                + "Votes counted.\tWorld\nBanks merge.\tBusiness\n\"A \"\"smart\"\" phone\"\tSci/Tech\n");
        write(mirror, "agnews/test.tsv", "Oil falls.\tBusiness\nRocket launch.\tSci/Tech\nCup final.\tSports\n"
                + "Talks resume.\tWorld\n");
    }

    /** A user's JSONL file with {@code text} and {@code label} fields and nothing else: 24 rows, 2 labels. */
    static Path userJsonl(Path file) throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 2 * POSITIVE.length; i++) {
            String text = i < POSITIVE.length ? POSITIVE[i] : NEGATIVE[i - POSITIVE.length];
            String label = i < POSITIVE.length ? "positive" : "negative";
            rows.append("{\"text\": \"").append(text).append("\", \"label\": \"").append(label).append("\"}\n");
            rows.append("{\"text\": \"so ").append(text).append("\", \"label\": \"").append(label).append("\"}\n");
        }
        Files.createDirectories(file.getParent());
        return Files.writeString(file, rows.toString(), StandardCharsets.UTF_8);
    }

    private static void write(Path mirror, String file, String content) throws IOException {
        Path path = mirror.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }
}
