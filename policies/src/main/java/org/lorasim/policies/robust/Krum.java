package org.lorasim.policies.robust;

import java.util.Arrays;
import java.util.List;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.AdapterAggregator;
import org.lorasim.policies.adapter.WeightedAdapter;

/**
 * Krum and Multi-Krum (Blanchard, El Mhamdi, Guerraoui and Stainer, "Machine Learning with Adversaries:
 * Byzantine Tolerant Gradient Descent", NeurIPS 2017). With {@code n} updates of which at most {@code f}
 * are Byzantine, each update {@code i} gets the score
 * <pre>
 *   score(i) = sum over the n - f - 2 updates j != i closest to i of ||theta_i - theta_j||^2
 * </pre>
 * Krum returns the update with the lowest score; Multi-Krum averages the {@code m} updates with the
 * lowest scores. The paper requires {@code n > 2f + 2}; rounds with fewer updates are rejected.
 *
 * <p>Choices:
 * <ul>
 *   <li>Ties in score are broken by the lower index in the update list, so the result is deterministic
 *       for a given order of updates.</li>
 *   <li>Multi-Krum averages the selected updates uniformly, as in the paper; weights are ignored so a
 *       Byzantine client cannot gain influence through its reported example count. {@code m} may be any
 *       of 1..n ({@code m = n} is the plain mean, useful as an ablation); the robustness argument needs
 *       {@code m <= n - f}.</li>
 *   <li>It runs on the adapters themselves: distances between {@code theta_i} and {@code theta_j} equal
 *       distances between the updates {@code theta_i - theta_global}, and the average of selected
 *       adapters is the global plus the average of the selected updates.</li>
 *   <li>Distances are summed in double precision over the whole flattened adapter (all LoRA factors
 *       and dense tensors together).</li>
 * </ul>
 */
public final class Krum implements AdapterAggregator {
    private final int byzantine;
    private final int selected;

    private Krum(int byzantine, int selected) {
        this.byzantine = Checks.nonNegative("byzantine count f", byzantine);
        this.selected = Checks.positive("Multi-Krum selection size m", selected);
    }

    /** Krum: the single update with the lowest score, tolerating {@code f} Byzantine updates. */
    public static Krum krum(int f) {
        return new Krum(f, 1);
    }

    /** Multi-Krum: the mean of the {@code m} updates with the lowest scores. */
    public static Krum multiKrum(int f, int m) {
        return new Krum(f, m);
    }

    public int byzantine() {
        return byzantine;
    }

    public int selected() {
        return selected;
    }

    @Override
    public Adapter aggregate(Adapter global, List<WeightedAdapter> updates) {
        float[][] rows = FlatUpdates.of(global, updates);
        int[] chosen = select(rows);
        int d = rows[0].length;
        double[] sum = new double[d];
        for (int k : chosen) {
            float[] row = rows[k];
            for (int j = 0; j < d; j++) {
                sum[j] += row[j];
            }
        }
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (float) (sum[j] / chosen.length);
        }
        return global.withFlat(out);
    }

    /** The indices (into {@code updates}) that this rule keeps, best score first. */
    public int[] select(Adapter global, List<WeightedAdapter> updates) {
        return select(FlatUpdates.of(global, updates));
    }

    /** Every update's Krum score, in the order of {@code updates}. */
    public double[] scores(Adapter global, List<WeightedAdapter> updates) {
        float[][] rows = FlatUpdates.of(global, updates);
        requireEnough(rows.length);
        return scores(rows);
    }

    private int[] select(float[][] rows) {
        int n = rows.length;
        requireEnough(n);
        double[] score = scores(rows);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(score[x], score[y]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        int[] chosen = new int[selected];
        for (int i = 0; i < selected; i++) {
            chosen[i] = order[i];
        }
        return chosen;
    }

    private double[] scores(float[][] rows) {
        int n = rows.length;
        double[][] dist = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d2 = FlatUpdates.squaredDistance(rows[i], rows[j]);
                dist[i][j] = d2;
                dist[j][i] = d2;
            }
        }
        int neighbours = n - byzantine - 2;
        double[] score = new double[n];
        double[] others = new double[n - 1];
        for (int i = 0; i < n; i++) {
            int at = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    others[at++] = dist[i][j];
                }
            }
            Arrays.sort(others);
            double s = 0;
            for (int t = 0; t < neighbours; t++) {
                s += others[t];
            }
            score[i] = s;
        }
        return score;
    }

    private void requireEnough(int n) {
        Checks.require(n > 2 * byzantine + 2, "Krum with f=" + byzantine + " Byzantine updates needs n > 2f + 2 = "
                + (2 * byzantine + 2) + " updates, got n=" + n);
        Checks.require(selected <= n, "Multi-Krum selection size m=" + selected + " exceeds the number of updates n=" + n);
    }

    @Override
    public String toString() {
        return selected == 1 ? "Krum[f=" + byzantine + "]" : "MultiKrum[f=" + byzantine + ", m=" + selected + "]";
    }
}
