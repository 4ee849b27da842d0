package org.lorasim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Agree / partly / disagree for an experiment's {@link Experiment.Claim}, computed from the cells' means and
 * nothing else. Each subject cell is compared with each versus cell of the same condition and grid combination
 * (the part of the cell name after the arm). {@code final-accuracy}, {@code final-average-accuracy} and
 * {@code clients-that-took-part}: agrees when {@code subject >= versus - tolerance}. The "to target" metrics: agrees
 * when {@code subject <= versus * (1 + tolerance)}, or when the subject reached the target in every seed and the
 * versus cell did not; a comparison where neither reached it
 * in every seed is not measurable. Every measurable comparison agrees: agree; none: disagree; else partly; none
 * measurable (or no claim, or nothing ran): not measured. A comparison whose difference is smaller than the larger
 * of the two cells' standard deviations over seeds is marked "within the seeds' spread": the runs cannot tell
 * the two apart, whatever the word says; when every comparison is, the word says so too.
 *
 * @param word     {@code agree}, {@code partly}, {@code disagree} or {@code not measured}
 * @param measured the comparisons in words, e.g. {@code ring 0.7810 vs centralized 0.7950: no}
 */
record Verdict(String word, String measured) {

    static Verdict of(Experiment experiment, Experiment.Claim claim, List<CellResults> cells) {
        boolean higherIsBetter = claim.metric().equals("final-accuracy")
                || claim.metric().equals("final-average-accuracy") || claim.metric().equals("clients-that-took-part");
        List<String> parts = new ArrayList<>();
        int measurable = 0;
        int agreeing = 0;
        int withinSpread = 0;
        for (CellResults subject : cells) {
            if (!subject.ran() || !claim.subject().contains(subject.cell().arm().name())) {
                continue;
            }
            String suffix = subject.cell().name().substring(subject.cell().arm().name().length());
            for (CellResults versus : cells) {
                if (!versus.ran() || !claim.versus().contains(versus.cell().arm().name())
                        || !versus.cell().name().equals(versus.cell().arm().name() + suffix)) {
                    continue;
                }
                CellResults.Stats sStats = subject.metric(claim.metric(), experiment.target());
                CellResults.Stats vStats = versus.metric(claim.metric(), experiment.target());
                double s = sStats.mean();
                double v = vStats.mean();
                Boolean agrees;
                if (higherIsBetter) {
                    agrees = Double.isNaN(s) || Double.isNaN(v) ? null : s >= v - claim.tolerance();
                } else if (Double.isNaN(s) && Double.isNaN(v)) {
                    agrees = null;
                } else if (Double.isNaN(v)) {
                    agrees = true;
                } else {
                    agrees = !Double.isNaN(s) && s <= v * (1 + claim.tolerance());
                }
                String pattern = higherIsBetter ? "%.4f" : "%.4g";
                String comparison = subject.cell().name() + " " + value(pattern, s) + " vs "
                        + versus.cell().name() + " " + value(pattern, v);
                if (!higherIsBetter && !Double.isNaN(s) && !Double.isNaN(v) && v > 0) {
                    comparison += String.format(Locale.ROOT, " (%+.1f%%)", 100 * (s - v) / v);
                } else if (higherIsBetter && agrees != null) {
                    comparison += String.format(Locale.ROOT, " (%+.4f)", s - v);
                }
                comparison += ": " + (agrees == null ? "not measurable" : agrees ? "yes" : "no");
                if (agrees != null && !Double.isNaN(s) && !Double.isNaN(v)
                        && Math.abs(s - v) < Math.max(sStats.sd(), vStats.sd())) {
                    comparison += " (within the seeds' spread)";
                    withinSpread++;
                }
                parts.add(comparison);
                if (agrees != null) {
                    measurable++;
                    agreeing += agrees ? 1 : 0;
                }
            }
        }
        String word = measurable == 0 ? "not measured" : agreeing == measurable ? "agree"
                : agreeing == 0 ? "disagree" : "partly";
        if (measurable > 0 && withinSpread == measurable) {
            word += ", within the seeds' spread";
        }
        String unit = switch (claim.metric()) {
            case "final-accuracy" -> "final held-out accuracy, mean over seeds, tolerance "
                    + String.format(Locale.ROOT, "%.3f", claim.tolerance());
            case "final-average-accuracy" -> "final held-out accuracy of the averaged model (gossip: the clients'"
                    + " average adapter; centralized: the global model), mean over seeds, tolerance "
                    + String.format(Locale.ROOT, "%.3f", claim.tolerance());
            case "parameters-to-target" -> "parameters uploaded until accuracy first reached "
                    + String.format(Locale.ROOT, "%.2f", experiment.target()) + " (- = not reached in every seed)";
            case "final-consensus-distance" -> "consensus distance after the last round, mean over seeds";
            case "clients-that-took-part" -> "distinct clients whose update was used in at least one round, mean over"
                    + " seeds, tolerance " + String.format(Locale.ROOT, "%.3f", claim.tolerance());
            case "bytes-to-target" -> "MB until accuracy first reached "
                    + String.format(Locale.ROOT, "%.2f", experiment.target()) + " (- = not reached in every seed)";
            default -> "simulated seconds until accuracy first reached "
                    + String.format(Locale.ROOT, "%.2f", experiment.target()) + " (- = not reached in every seed)";
        };
        return new Verdict(word, unit + ": " + (parts.isEmpty() ? "no comparable cells ran" : String.join("; ", parts)));
    }

    private static String value(String pattern, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, pattern, v);
    }
}
