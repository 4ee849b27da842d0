package org.lorasim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.cli.output.RunResults;

/**
 * One experiment cell's finished runs (one per seed that finished) and the numbers the report prints, each a
 * function of the run folders alone.
 *
 * <p>"To target": the first round after which the held-out accuracy is {@code >= target}; parameters, bytes (up
 * plus down) and simulated seconds are cumulative up to and including that round. A seed that never reaches the
 * target has no value; the cell's mean is taken over all its seeds only when every seed reached it (else NaN,
 * and {@link #reached} says how many did).
 */
record CellResults(Experiment.Cell cell, List<RunResults> runs, List<Path> missing) {

    /** Reads every seed's folder under {@code runsDir}; a missing or unfinished folder is listed in {@link #missing}. */
    static CellResults read(Path runsDir, Experiment.Cell cell, List<Integer> seeds) {
        List<RunResults> runs = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (int seed : seeds) {
            Path dir = Experiment.runDir(runsDir, cell, seed);
            if (ExperimentRunCommand.finished(dir)) {
                runs.add(RunResults.read(dir));
            } else {
                missing.add(dir);
            }
        }
        return new CellResults(cell, List.copyOf(runs), List.copyOf(missing));
    }

    boolean ran() {
        return !runs.isEmpty();
    }

    boolean synthetic() {
        return runs.stream().anyMatch(r -> r.summary().synthetic());
    }

    boolean gossip() {
        return runs.stream().anyMatch(CellResults::isGossip);
    }

    /** True when a gossip run of this cell evaluated its clients' averaged adapter (a trained gossip run). */
    boolean averagedAdapter() {
        return runs.stream().anyMatch(r -> r.rounds().stream().anyMatch(x -> Double.isFinite(x.averageModelAccuracy())));
    }

    private static boolean isGossip(RunResults run) {
        return run.rounds().stream().anyMatch(x -> !Double.isNaN(x.consensusDistance()));
    }

    Stats finalAccuracy() {
        return Stats.of(runs.stream().mapToDouble(r -> r.summary().finalAccuracy()).toArray());
    }

    /**
     * Per seed, the held-out accuracy of the run's one averaged model after the last round: for a gossip run
     * the clients' average adapter ({@link RoundRecord#averageModelAccuracy()}; NaN when it was not recorded),
     * for any other run the global model, which is already the average ({@link #finalAccuracy}'s value).
     */
    Stats finalAverageAccuracy() {
        return Stats.of(runs.stream().mapToDouble(r -> isGossip(r) ? last(r).averageModelAccuracy()
                : r.summary().finalAccuracy()).toArray());
    }

    Stats bestAccuracy() {
        return Stats.of(runs.stream().mapToDouble(r -> trained(r).stream().mapToDouble(RoundRecord::accuracy)
                .max().orElse(Double.NaN)).toArray());
    }

    Stats finalConsensus() {
        return Stats.of(runs.stream().mapToDouble(r -> last(r).consensusDistance()).toArray());
    }

    Stats megabytes() {
        return Stats.of(runs.stream().mapToDouble(r -> (r.summary().bytesUp() + r.summary().bytesDown()) / 1e6)
                .toArray());
    }

    Stats parameters() {
        return Stats.of(runs.stream().mapToDouble(r -> trained(r).stream().mapToLong(RoundRecord::parameters).sum())
                .toArray());
    }

    Stats simSeconds() {
        return Stats.of(runs.stream().mapToDouble(r -> r.summary().simTimeNanos() / 1e9).toArray());
    }

    Stats wallSeconds() {
        return Stats.of(runs.stream().mapToDouble(r -> r.summary().wallMillis() / 1e3).toArray());
    }

    Stats participantsPerRound() {
        return Stats.of(runs.stream().mapToDouble(r -> trained(r).stream().mapToInt(RoundRecord::participants)
                .average().orElse(Double.NaN)).toArray());
    }

    Stats stragglers() {
        return Stats.of(runs.stream().mapToDouble(r -> trained(r).stream().mapToInt(RoundRecord::stragglers).sum())
                .toArray());
    }

    Stats failures() {
        return Stats.of(runs.stream().mapToDouble(r -> trained(r).stream().mapToInt(RoundRecord::failures).sum())
                .toArray());
    }

    /**
     * Distinct clients with status {@code took-part} in at least one round of {@code participation.csv} (FedPipe:
     * the clients whose budgets fit a plan; churn: who was ever heard from); NaN for a run without that file.
     */
    Stats clientsThatTookPart() {
        return Stats.of(runs.stream().mapToDouble(r -> participation(r, true)).toArray());
    }

    /** Distinct clients in {@code participation.csv}, whatever their status. */
    Stats clientsListed() {
        return Stats.of(runs.stream().mapToDouble(r -> participation(r, false)).toArray());
    }

    private static double participation(RunResults run, boolean tookPartOnly) {
        Path csv = run.dir().resolve(org.lorasim.cli.output.ParticipationTimeline.CSV);
        if (!java.nio.file.Files.isRegularFile(csv)) {
            return Double.NaN;
        }
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(csv)) {
            return lines.skip(1).map(l -> l.split(",", -1)).filter(f -> f.length >= 3)
                    .filter(f -> !tookPartOnly || f[2].equals("took-part")).map(f -> f[1]).distinct().count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + csv + ": " + e.getMessage(), e);
        }
    }

    /** Seeds whose accuracy reached {@code target}. */
    int reached(double target) {
        return (int) runs.stream().filter(r -> targetRound(r, target) >= 0).count();
    }

    Stats roundsToTarget(double target) {
        return toTarget(target, (r, i) -> i + 1);
    }

    Stats parametersToTarget(double target) {
        return toTarget(target, (r, i) -> trained(r).subList(0, i + 1).stream().mapToLong(RoundRecord::parameters).sum());
    }

    Stats megabytesToTarget(double target) {
        return toTarget(target, (r, i) -> trained(r).subList(0, i + 1).stream()
                .mapToLong(x -> x.bytesUp() + x.bytesDown()).sum() / 1e6);
    }

    Stats simSecondsToTarget(double target) {
        return toTarget(target, (r, i) -> trained(r).get(i).simSeconds());
    }

    /** The metric a {@link Experiment.Claim} names. */
    Stats metric(String name, double target) {
        return switch (name) {
            case "final-accuracy" -> finalAccuracy();
            case "final-average-accuracy" -> finalAverageAccuracy();
            case "parameters-to-target" -> parametersToTarget(target);
            case "bytes-to-target" -> megabytesToTarget(target);
            case "sim-seconds-to-target" -> simSecondsToTarget(target);
            case "final-consensus-distance" -> finalConsensus();
            case "clients-that-took-part" -> clientsThatTookPart();
            default -> throw new IllegalArgumentException("unknown metric " + name);
        };
    }

    /** Per round (1 = after the first round; 0 = the starting model), the mean over seeds of {@code value}. */
    double[][] meanCurve(java.util.function.ToDoubleFunction<RoundRecord> value, boolean withStart) {
        int rounds = runs.stream().mapToInt(r -> trained(r).size()).min().orElse(0);
        int first = withStart ? 0 : 1;
        double[] x = new double[rounds + 1 - first];
        double[] y = new double[x.length];
        for (int i = first; i <= rounds; i++) {
            double sum = 0;
            for (RunResults r : runs) {
                RoundRecord record = i == 0 ? r.rounds().stream().filter(RoundRecord::isBefore).findFirst().orElse(null)
                        : trained(r).get(i - 1);
                sum += record == null ? Double.NaN : value.applyAsDouble(record);
            }
            x[i - first] = i;
            y[i - first] = sum / runs.size();
        }
        return new double[][] {x, y};
    }

    private interface AtRound {
        double value(RunResults run, int index);
    }

    private Stats toTarget(double target, AtRound at) {
        double[] values = new double[runs.size()];
        for (int k = 0; k < runs.size(); k++) {
            int i = targetRound(runs.get(k), target);
            if (i < 0) {
                return Stats.of(new double[] {Double.NaN});
            }
            values[k] = at.value(runs.get(k), i);
        }
        return Stats.of(values);
    }

    /** Index into {@link #trained} of the first round reaching {@code target}; -1 when none (or no target). */
    private static int targetRound(RunResults run, double target) {
        List<RoundRecord> rounds = trained(run);
        for (int i = 0; i < rounds.size(); i++) {
            if (rounds.get(i).accuracy() >= target) {
                return i;
            }
        }
        return -1;
    }

    /** The rounds after training, without the starting model's record. */
    static List<RoundRecord> trained(RunResults run) {
        return run.rounds().stream().filter(r -> !r.isBefore()).toList();
    }

    private static RoundRecord last(RunResults run) {
        List<RoundRecord> rounds = trained(run);
        return rounds.get(rounds.size() - 1);
    }

    /** Mean and sample standard deviation ({@code n - 1}; 0 for one value) of finite-or-NaN values. */
    record Stats(double mean, double sd, int n) {
        static Stats of(double[] values) {
            if (values.length == 0) {
                return new Stats(Double.NaN, Double.NaN, 0);
            }
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Stats(mean, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0, values.length);
        }

        String format(String pattern) {
            if (Double.isNaN(mean)) {
                return "-";
            }
            return String.format(java.util.Locale.ROOT, pattern, mean) + (n > 1 ? " ± "
                    + String.format(java.util.Locale.ROOT, pattern, sd) : "");
        }
    }
}
