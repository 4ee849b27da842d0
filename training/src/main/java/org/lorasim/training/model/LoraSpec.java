package org.lorasim.training.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.LoraScaling;

/**
 * Which weight matrices get LoRA factors and at which rank (Hu et al., "LoRA", arXiv 2106.09685):
 * {@code W x + s B A dropout(x)} with {@code s} from {@link LoraScaling} ({@code alpha/r}, or
 * {@code alpha/sqrt r} for rsLoRA, Kalajdzievski, arXiv 2312.03732).
 *
 * <p>Targets are regular expressions that must match a whole matrix name ({@code layer.3.attention.query},
 * {@code layer.3.attention.key}, {@code .value}, {@code .output}, {@code layer.3.ffn.in},
 * {@code layer.3.ffn.out}); the first target that matches a matrix gives its rank, so a specific pattern
 * placed before a general one overrides it, and different matrices can have different ranks. A target
 * that matches no matrix is an error: it is almost always a typo. {@code alpha}, the scaling rule and the
 * dropout probability apply to every adapted matrix.
 */
public record LoraSpec(List<Target> targets, double alpha, LoraScaling scaling, double dropout) {

    /** Matrices whose name matches {@code pattern} (whole-name regex) get factors of rank {@code rank}. */
    public record Target(String pattern, int rank) {
        public Target {
            Objects.requireNonNull(pattern, "pattern");
            Checks.positive("rank of LoRA target '" + pattern + "'", rank);
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("LoRA target pattern '" + pattern + "' is not a valid regex: "
                        + e.getDescription(), e);
            }
        }
    }

    public LoraSpec {
        targets = List.copyOf(Objects.requireNonNull(targets, "targets"));
        Checks.finite("alpha", alpha);
        Objects.requireNonNull(scaling, "scaling");
        Checks.require(dropout >= 0 && dropout < 1, "LoRA dropout must be in [0, 1), got " + dropout);
    }

    /** No adapted matrix: the plain pretrained encoder. */
    public static LoraSpec none() {
        return new LoraSpec(List.of(), 1, LoraScaling.STANDARD, 0);
    }

    /** One rank for every matrix matching any of {@code patterns}, standard scaling, no dropout. */
    public static LoraSpec of(int rank, double alpha, String... patterns) {
        List<Target> targets = new ArrayList<>();
        for (String p : patterns) {
            targets.add(new Target(p, rank));
        }
        return new LoraSpec(targets, alpha, LoraScaling.STANDARD, 0);
    }

    /** The common choice of the LoRA paper: query and value projections of every layer. */
    public static LoraSpec queryValue(int rank, double alpha) {
        return of(rank, alpha, "layer\\.\\d+\\.attention\\.(query|value)");
    }

    public LoraSpec withScaling(LoraScaling newScaling) {
        return new LoraSpec(targets, alpha, newScaling, dropout);
    }

    public LoraSpec withDropout(double newDropout) {
        return new LoraSpec(targets, alpha, scaling, newDropout);
    }

    /** This spec with one more target, tried after the existing ones. */
    public LoraSpec plus(String pattern, int rank) {
        List<Target> more = new ArrayList<>(targets);
        more.add(new Target(pattern, rank));
        return new LoraSpec(more, alpha, scaling, dropout);
    }

    /**
     * The rank of every adapted matrix among {@code matrixNames}, sorted by name. Throws an
     * IllegalArgumentException naming a target that matches none of them.
     */
    public SortedMap<String, Integer> ranks(Collection<String> matrixNames) {
        List<Pattern> compiled = targets.stream().map(t -> Pattern.compile(t.pattern())).toList();
        boolean[] used = new boolean[targets.size()];
        SortedMap<String, Integer> out = new TreeMap<>();
        for (String name : matrixNames) {
            for (int i = 0; i < compiled.size(); i++) {
                if (compiled.get(i).matcher(name).matches()) {
                    used[i] = true;
                    out.putIfAbsent(name, targets.get(i).rank());
                }
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new IllegalArgumentException("LoRA target pattern '" + targets.get(i).pattern()
                        + "' matches no weight matrix; names look like " + examples(matrixNames));
            }
        }
        return out;
    }

    private static String examples(Collection<String> names) {
        return names.stream().limit(6).toList() + (names.size() > 6 ? " (" + names.size() + " in all)" : "");
    }
}
