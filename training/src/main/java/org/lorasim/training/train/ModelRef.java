package org.lorasim.training.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.lorasim.policies.Checks;
import org.lorasim.training.llama.DecoderCheckpoint;

/**
 * Which frozen base a {@link TrainingRequest} trains over, as a value that travels with the request: the encoder
 * (all-MiniLM-L6-v2, {@link #ENCODER}) or a decoder checkpoint named by its files. A trainer that serves any run (a
 * cluster's trainer node, which is not told the runs' scenarios) loads the base a request names; the single JVM's
 * slots already hold their run's base and ignore it. Paths are absolute strings, so a request names the same files
 * on every machine (a trainer node on another machine needs the checkpoint at the same path).
 *
 * @param kind       {@code encoder} or {@code decoder}
 * @param checkpoint a decoder's checkpoint file or folder (absolute); empty for the encoder
 * @param tokenizer  a llama2.c decoder's tokenizer file (absolute); empty for the encoder and a Hugging Face folder
 */
public record ModelRef(String kind, String checkpoint, String tokenizer) {
    public static final String ENCODER_KIND = "encoder";
    public static final String DECODER_KIND = "decoder";
    /** all-MiniLM-L6-v2, the encoder every classification run trains. */
    public static final ModelRef ENCODER = new ModelRef(ENCODER_KIND, "", "");

    public ModelRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Checks.require(kind.equals(ENCODER_KIND) || kind.equals(DECODER_KIND), "model kind must be " + ENCODER_KIND
                + " or " + DECODER_KIND + ", got " + kind);
        Checks.require(kind.equals(ENCODER_KIND) == checkpoint.isEmpty(), "a decoder names its checkpoint, the "
                + "encoder none; got " + kind + " '" + checkpoint + "'");
    }

    /** The decoder of {@code files} (located: its paths are made absolute). */
    public static ModelRef decoder(DecoderCheckpoint files) {
        return new ModelRef(DECODER_KIND, files.checkpoint().toAbsolutePath().normalize().toString(),
                files.tokenizer().map(t -> t.toAbsolutePath().normalize().toString()).orElse(""));
    }

    public boolean decoder() {
        return kind.equals(DECODER_KIND);
    }

    /**
     * The decoder's files, located on this machine.
     *
     * @throws IllegalArgumentException naming the file when this machine does not have it (or for the encoder)
     */
    public DecoderCheckpoint decoderFiles() {
        Checks.require(decoder(), "the encoder has no decoder checkpoint");
        return DecoderCheckpoint.locate(Path.of(checkpoint),
                tokenizer.isEmpty() ? Optional.empty() : Optional.of(Path.of(tokenizer)));
    }

    @Override
    public String toString() {
        return decoder() ? "decoder " + checkpoint : "encoder all-MiniLM-L6-v2";
    }
}
