package org.lorasim.training.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * The one rule for which examples a run trains on and which it evaluates on, the same for every dataset:
 * <ol>
 *   <li>the {@link Split#VALIDATION validation} split when the dataset has one;</li>
 *   <li>else the {@link Split#TEST test} split;</li>
 *   <li>else a seeded slice of the {@link Split#TRAIN train} split: {@code k = round(fraction * n)} of its
 *       {@code n} examples, at least 1 and at most {@code n - 1}, chosen by a seeded Fisher-Yates draw, and
 *       left out of training.</li>
 * </ol>
 * Training examples are the train split (less the slice in case 3), in file order. Which case applied is
 * {@link #source()}, for the run folder.
 *
 * @param train   the examples clients are given
 * @param heldOut the examples the model is evaluated on
 * @param source  which examples are held out: {@code "validation split"}, {@code "test split"}, or
 *                {@code "10% of train (seeded)"}
 */
public record HeldOutSplit(List<Example> train, List<Example> heldOut, String source) {

    public HeldOutSplit {
        train = List.copyOf(train);
        heldOut = List.copyOf(heldOut);
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param fraction the share of train held out when the dataset has neither validation nor test, in (0, 1)
     * @param random   the draw of that slice (only used then)
     * @throws DatasetException when the dataset has no train split, or a train split of one example that
     *                          would have to be sliced
     */
    public static HeldOutSplit of(TextDataset dataset, double fraction, RandomGenerator random) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, 1), got " + fraction);
        }
        if (!dataset.has(Split.TRAIN)) {
            throw new DatasetException("dataset " + dataset.name() + " has no train split; it has "
                    + dataset.splits().stream().map(Split::id).toList());
        }
        List<Example> train = dataset.train();
        if (dataset.has(Split.VALIDATION)) {
            return new HeldOutSplit(train, dataset.validation(), Split.VALIDATION.id() + " split");
        }
        if (dataset.has(Split.TEST)) {
            return new HeldOutSplit(train, dataset.test(), Split.TEST.id() + " split");
        }
        int n = train.size();
        if (n < 2) {
            throw new DatasetException("dataset " + dataset.name() + " has neither a validation nor a test split, and "
                    + "its train split of " + n + " example cannot give a held-out slice");
        }
        int k = Math.min(n - 1, Math.max(1, (int) Math.round(fraction * n)));
        boolean[] held = new boolean[n];
        int[] order = IntStream.range(0, n).toArray();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            held[order[i]] = true;
        }
        List<Example> kept = new ArrayList<>(n - k);
        List<Example> slice = new ArrayList<>(k);
        for (int i = 0; i < n; i++) {
            (held[i] ? slice : kept).add(train.get(i));
        }
        return new HeldOutSplit(kept, slice, String.format(Locale.ROOT, "%s%% of train (seeded)",
                new BigDecimal(Double.toString(fraction * 100)).stripTrailingZeros().toPlainString()));
    }
}
