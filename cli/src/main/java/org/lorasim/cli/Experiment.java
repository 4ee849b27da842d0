package org.lorasim.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An experiment folder's {@code experiment.conf}: one base scenario, named arms (each a list of {@code key=value}
 * overrides, as {@code --set}), optional named conditions crossed with every arm (the same form: e.g. the faults
 * every algorithm meets), optional grid axes crossed with both (as {@code sweep --grid}) and the seeds every cell
 * runs with. A cell is an arm with one condition and one grid combination; it runs once per seed, in
 * {@code RUNS/<cell>/seed-<n>/}, named {@code arm}, {@code arm_condition}, {@code arm_condition_key=value}. The claim blocks say how {@code lorasim experiment report} turns the cells'
 * numbers into agree / partly / disagree ({@link Claim}); nothing in it is a result.
 *
 * @param dir      the experiment folder
 * @param name     the folder's name, e.g. {@code dec-lora}
 * @param title    a heading
 * @param paper    the paper whose claim is checked, or empty (Lorasim's own experiment)
 * @param sizing   how the runs are cut down for a small machine, in words
 * @param base     the base scenario file
 * @param seeds    at least one seed; the published experiments use three or more
 * @param arms     at least one arm
 * @param conditions crossed with every arm; may be empty
 * @param grid     axes crossed with every arm; may be empty
 * @param target   the held-out accuracy whose first crossing gives rounds, bytes, parameters and simulated time
 *                 "to target"; NaN for synthetic experiments (no accuracy)
 * @param claims   the paper's claims and their tests ({@code claim = {...}} or {@code claims = [...]}); may be
 *                 empty
 * @param notes    what a reader needs to interpret the numbers (how the sizing bears on the comparison), written
 *                 with the experiment's design, never a result; may be empty
 */
public record Experiment(Path dir, String name, String title, String paper, String sizing, Path base,
                         List<Integer> seeds, List<Arm> arms, List<Arm> conditions, List<SweepGrid.Axis> grid, double target, List<Claim> claims, String notes) {

    public static final String FILE = "experiment.conf";

    /** @param sets {@code key=value} overrides over the base scenario */
    public record Arm(String name, String label, List<String> sets) {
    }

    /** One arm with one condition (or null) and one grid combination: what runs once per seed. */
    public record Cell(String name, Arm arm, Arm condition, List<String> sets) {
    }

    /**
     * How a claim is tested: the {@code subject} cells' mean {@code metric} against each of the {@code versus}
     * cells' (cells are matched by name prefix: {@code ring} matches {@code ring_quantization=int8}). For
     * {@code final-accuracy} and {@code clients-that-took-part} (distinct clients whose update was used in at least
     * one round: who could train at all; higher is better) a comparison agrees when {@code subject >= versus -
     * tolerance}, and so for {@code final-average-accuracy} (a gossip cell's clients' average adapter, any other
     * cell's global model);
     * for {@code parameters-to-target}, {@code bytes-to-target} and {@code sim-seconds-to-target} (lower is better)
     * when {@code subject <= versus * (1 + tolerance)}; {@code final-consensus-distance} (gossip; lower is
     * closer to consensus) likewise. All comparisons agree: agree; none: disagree; else partly.
     */
    public record Claim(String statement, String metric, double tolerance, List<String> subject, List<String> versus) {
    }

    static final Set<String> METRICS = Set.of("final-accuracy", "final-average-accuracy", "parameters-to-target",
            "bytes-to-target", "sim-seconds-to-target", "final-consensus-distance", "clients-that-took-part");

    /** Reads {@code dir/experiment.conf}; a bad file is a {@link UserInputException} naming FILE:LINE and key. */
    public static Experiment read(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("not an experiment folder (no " + FILE + "): " + dir);
        }
        try {
            Config c = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
                    .resolve().getConfig("experiment");
            Path base = dir.resolve(c.getString("base"));
            if (!Files.isRegularFile(base)) {
                throw bad(file, c, "base", "no such scenario file: " + base);
            }
            List<Integer> seeds = c.getIntList("seeds");
            if (seeds.isEmpty() || new HashSet<>(seeds).size() != seeds.size()) {
                throw bad(file, c, "seeds", "must list at least one seed, each once");
            }
            Set<String> names = new HashSet<>();
            List<Arm> arms = arms(file, c, "arms", names);
            List<Arm> conditions = arms(file, c, "conditions", new HashSet<>());
            if (arms.isEmpty()) {
                throw bad(file, c, "arms", "must list at least one arm");
            }
            List<SweepGrid.Axis> grid = c.hasPath("grid") ? SweepGrid.parse(c.getStringList("grid")) : List.of();
            List<Claim> claims = new ArrayList<>();
            if (c.hasPath("claim")) {
                claims.add(claim(file, c.getConfig("claim"), names));
            }
            if (c.hasPath("claims")) {
                for (Config one : c.getConfigList("claims")) {
                    claims.add(claim(file, one, names));
                }
            }
            return new Experiment(dir, dir.toAbsolutePath().normalize().getFileName().toString(),
                    c.getString("title"), c.hasPath("paper") ? c.getString("paper") : "", c.getString("sizing"),
                    base, List.copyOf(seeds), arms, conditions, grid,
                    c.hasPath("target-accuracy") ? c.getDouble("target-accuracy") : Double.NaN, List.copyOf(claims),
                    c.hasPath("notes") ? c.getString("notes") : "");
        } catch (ConfigException e) {
            throw new UserInputException(ConfigProblems.describe(e), e);
        }
    }

    private static List<Arm> arms(Path file, Config c, String key, Set<String> names) {
        if (!c.hasPath(key)) {
            return List.of();
        }
        List<Arm> arms = new ArrayList<>();
        for (Config arm : c.getConfigList(key)) {
            String armName = arm.getString("name");
            if (!armName.matches("[a-z0-9][a-z0-9.-]*") || !names.add(armName)) {
                throw bad(file, arm, "name", "'" + armName + "' must be unique, lower-case letters, digits,"
                        + " '.' and '-'");
            }
            arms.add(new Arm(armName, arm.hasPath("label") ? arm.getString("label") : armName,
                    arm.hasPath("set") ? List.copyOf(arm.getStringList("set")) : List.of()));
        }
        return List.copyOf(arms);
    }

    private static Claim claim(Path file, Config c, Set<String> arms) {
        String metric = c.getString("metric");
        if (!METRICS.contains(metric)) {
            throw bad(file, c, "metric", "'" + metric + "' is not one of " + new java.util.TreeSet<>(METRICS));
        }
        List<String> subject = c.getStringList("subject");
        List<String> versus = c.getStringList("versus");
        for (String arm : concat(subject, versus)) {
            if (!arms.contains(arm)) {
                throw bad(file, c, "subject", "'" + arm + "' is not an arm of this experiment");
            }
        }
        if (subject.isEmpty() || versus.isEmpty()) {
            throw bad(file, c, "subject", "subject and versus must each name at least one arm");
        }
        return new Claim(c.getString("statement"), metric, c.getDouble("tolerance"), List.copyOf(subject),
                List.copyOf(versus));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static UserInputException bad(Path file, Config c, String key, String why) {
        int line = c.hasPath(key) ? c.getValue(key).origin().lineNumber() : c.origin().lineNumber();
        return new UserInputException(file + ":" + line + ": experiment " + key + ": " + why);
    }

    /** Every arm crossed with every condition and grid combination, arms first (their order is the tables'). */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        List<Arm> each = conditions.isEmpty() ? java.util.Collections.singletonList(null) : conditions;
        for (Arm arm : arms) {
            for (Arm condition : each) {
                for (List<String> combo : SweepGrid.combinations(grid)) {
                    List<String> sets = new ArrayList<>(arm.sets());
                    String cellName = arm.name();
                    if (condition != null) {
                        sets.addAll(condition.sets());
                        cellName += "_" + condition.name();
                    }
                    sets.addAll(combo);
                    cellName += combo.isEmpty() ? "" : "_" + SweepCommand.label(combo);
                    cells.add(new Cell(cellName, arm, condition, List.copyOf(sets)));
                }
            }
        }
        return cells;
    }

    /** The folder of one cell's run with one seed. */
    public static Path runDir(Path runs, Cell cell, int seed) {
        return runs.resolve(cell.name()).resolve(String.format(Locale.ROOT, "seed-%d", seed));
    }

    /** The overrides of one cell and seed, as {@code lorasim run --set} takes them. */
    public static List<String> sets(Cell cell, int seed) {
        List<String> sets = new ArrayList<>(cell.sets());
        sets.add("lorasim.run.seed=" + seed);
        sets.add("lorasim.run.name=\"" + cell.name() + "\"");
        return sets;
    }
}
