package org.lorasim.training.llama;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared llama2.c model {@code ../shared/models/stories260K} from the project root
 * ({@code ../../shared/...} from this module, Surefire's working directory); {@code -Dlorasim.models=...}
 * names another models folder. Tests that need it are skipped with a message where it is absent.
 */
final class Stories260K {
    static final String PROPERTY = "lorasim.models";

    private Stories260K() {
    }

    static Path folder() {
        String configured = System.getProperty(PROPERTY);
        Path models = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("basedir", ".")).resolve("../../shared/models");
        return models.resolve("stories260K").toAbsolutePath().normalize();
    }

    /** The folder, or a skipped test saying how to get it. */
    static Path require() {
        Path f = folder();
        assumeTrue(Files.isRegularFile(f.resolve("stories260K.bin")) && Files.isRegularFile(f.resolve("tok512.bin")),
                "stories260K is not at " + f + ": run from a checkout with shared/models beside it (the project's "
                        + "machines) or pass -D" + PROPERTY + "=<folder holding stories260K/stories260K.bin and tok512.bin>");
        return f;
    }

    static LlamaWeights weights() {
        return Llama2cCheckpoint.read(require().resolve("stories260K.bin"));
    }

    static Llama2cTokenizer tokenizer(LlamaWeights w) {
        return Llama2cTokenizer.read(require().resolve("tok512.bin"), w.config().vocabSize());
    }
}
