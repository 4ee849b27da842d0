package org.lorasim.actors.run;

import org.lorasim.training.data.Example;
import org.lorasim.training.eval.FrozenEmbeddingProbe;
import org.lorasim.training.train.BaseModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The reference accuracies of a trained run, on its held-out examples ({@link RunData#heldOut()}):
 * <ul>
 *   <li>{@code majority}: always answering the class most frequent in the union of the clients' shards (ties:
 *       the lower class index), scored on the held-out examples. What a model that learnt nothing but the
 *       label frequencies gets.</li>
 *   <li>{@code linear-probe} (unless {@code lorasim.references.linear-probe = off}): {@link FrozenEmbeddingProbe}
 *       fitted on the union of the shards, in client order, with the run's max-length. It is cached in
 *       {@code cacheDir} under the SHA-256 of a version tag, the class count, max-length and every training and
 *       held-out text and label, so a second run on the same data reads it back instead of embedding again; a
 *       cache that cannot be read or written is skipped.</li>
 * </ul>
 */
public final class ReferenceLevels {
    private static final String PROBE_VERSION = "frozen-minilm-mean-pool-logreg-v1";

    private ReferenceLevels() {
    }

    /** The default cache folder, {@code ~/.cache/lorasim/references}. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "lorasim", "references");
    }

    public static List<Reference> of(RunSettings settings, RunData data, BaseModel base, Path cacheDir) {
        List<Reference> references = new ArrayList<>();
        references.add(majority(data));
        if (settings.linearProbeReference()) {
            List<Example> train = data.shards().stream().flatMap(List::stream).toList();
            int maxLength = settings.training().maxLength();
            String key = key(train, data.heldOut(), data.classes(), maxLength);
            Double cached = read(cacheDir, key);
            double accuracy = cached != null ? cached
                    : FrozenEmbeddingProbe.accuracy(base, train, data.heldOut(), data.classes(), maxLength);
            if (cached == null) {
                write(cacheDir, key, accuracy);
            }
            references.add(new Reference(Reference.LINEAR_PROBE, "linear probe (frozen base)", accuracy));
        }
        return List.copyOf(references);
    }

    /** Always answering the most frequent class of the shards' union, scored on the held-out examples. */
    public static Reference majority(RunData data) {
        long[] counts = new long[data.classes()];
        data.shards().forEach(shard -> shard.forEach(e -> counts[e.label()]++));
        int majority = 0;
        for (int c = 1; c < counts.length; c++) {
            if (counts[c] > counts[majority]) {
                majority = c;
            }
        }
        int chosen = majority;
        long right = data.heldOut().stream().filter(e -> e.label() == chosen).count();
        return new Reference(Reference.MAJORITY, "majority class",
                data.heldOut().isEmpty() ? Double.NaN : right / (double) data.heldOut().size());
    }

    static String key(List<Example> train, List<Example> heldOut, int classes, int maxLength) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((PROBE_VERSION + "\n" + classes + "\n" + maxLength + "\n").getBytes(StandardCharsets.UTF_8));
            for (List<Example> part : List.of(train, heldOut)) {
                for (Example e : part) {
                    sha.update((e.label() + "\t" + e.text() + "\n").getBytes(StandardCharsets.UTF_8));
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Double read(Path cacheDir, String key) {
        Path file = cacheDir.resolve(key + ".txt");
        try {
            return Files.isRegularFile(file) ? Double.valueOf(Files.readString(file).strip()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static void write(Path cacheDir, String key, double accuracy) {
        try {
            Files.createDirectories(cacheDir);
            Path temporary = Files.createTempFile(cacheDir, key, ".tmp");
            Files.writeString(temporary, Double.toString(accuracy));
            Files.move(temporary, cacheDir.resolve(key + ".txt"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next run the same computation
        }
    }
}
