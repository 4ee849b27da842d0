package org.lorasim.training.eval;

import org.lorasim.policies.Checks;

/**
 * Multinomial logistic regression on fixed feature vectors: the "linear probe" reference of a representation.
 * <p>
 * Features are standardised with the training rows' per-feature mean and standard deviation (a constant
 * feature keeps standard deviation 1). The model is {@code softmax(W x + b)}, fitted by full-batch Nesterov
 * accelerated gradient descent on the mean cross-entropy plus {@code l2/2 ||W||^2} (the bias is not
 * penalised), from zero, for {@code iterations} steps of size {@code 1/L} with
 * {@code L = 1.1 lambda_max(X^T X / n) / 2 + l2}, an upper bound of the loss's curvature, where {@code X}
 * holds the standardised rows with a column of ones appended and {@code lambda_max} comes from 30 power
 * iterations from the all-ones vector (the factor 1.1 covers their shortfall). Everything
 * runs in doubles in a fixed order, so a fit is a pure function of its inputs.
 */
public final class LinearProbe {
    public static final double DEFAULT_L2 = 1e-3;
    public static final int DEFAULT_ITERATIONS = 300;

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights;
    private final double[] bias;

    private LinearProbe(double[] mean, double[] scale, double[][] weights, double[] bias) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
        this.bias = bias;
    }

    public static LinearProbe fit(float[][] features, int[] labels, int classes) {
        return fit(features, labels, classes, DEFAULT_L2, DEFAULT_ITERATIONS);
    }

    /**
     * @throws IllegalArgumentException for no rows, rows of unequal width, or a label outside [0, classes)
     */
    public static LinearProbe fit(float[][] features, int[] labels, int classes, double l2, int iterations) {
        Checks.require(features.length > 0 && features.length == labels.length,
                "a probe needs as many labels as feature rows, at least one; got " + features.length + " and "
                        + labels.length);
        Checks.positive("classes", classes);
        int n = features.length;
        int d = features[0].length;
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (float[] row : features) {
            Checks.require(row.length == d, "feature rows must all have " + d + " values");
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / (double) n;
            }
        }
        for (float[] row : features) {
            for (int j = 0; j < d; j++) {
                scale[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        for (int j = 0; j < d; j++) {
            scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
        }
        double[][] x = new double[n][d + 1];
        for (int i = 0; i < n; i++) {
            Checks.require(labels[i] >= 0 && labels[i] < classes, "label " + labels[i] + " outside [0, " + classes + ")");
            for (int j = 0; j < d; j++) {
                x[i][j] = (features[i][j] - mean[j]) / scale[j];
            }
            x[i][d] = 1;
        }
        double step = 1 / (1.1 * largestEigenvalue(x) / 2 + l2);
        double[][] w = new double[classes][d + 1];
        double[][] previous = new double[classes][d + 1];
        double[][] look = new double[classes][d + 1];
        double[][] gradient = new double[classes][d + 1];
        for (int t = 1; t <= iterations; t++) {
            double momentum = (t - 1) / (double) (t + 2);
            for (int c = 0; c < classes; c++) {
                for (int j = 0; j <= d; j++) {
                    look[c][j] = w[c][j] + momentum * (w[c][j] - previous[c][j]);
                }
            }
            gradient(x, labels, look, l2, gradient);
            for (int c = 0; c < classes; c++) {
                System.arraycopy(w[c], 0, previous[c], 0, d + 1);
                for (int j = 0; j <= d; j++) {
                    w[c][j] = look[c][j] - step * gradient[c][j];
                }
            }
        }
        double[][] weights = new double[classes][d];
        double[] bias = new double[classes];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(w[c], 0, weights[c], 0, d);
            bias[c] = w[c][d];
        }
        return new LinearProbe(mean, scale, weights, bias);
    }

    private static void gradient(double[][] x, int[] labels, double[][] w, double l2, double[][] out) {
        int n = x.length;
        int classes = w.length;
        int width = w[0].length;
        for (double[] row : out) {
            java.util.Arrays.fill(row, 0);
        }
        double[] p = new double[classes];
        for (int i = 0; i < n; i++) {
            softmax(x[i], w, p);
            p[labels[i]] -= 1;
            for (int c = 0; c < classes; c++) {
                double g = p[c] / n;
                double[] o = out[c];
                for (int j = 0; j < width; j++) {
                    o[j] += g * x[i][j];
                }
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < width - 1; j++) {
                out[c][j] += l2 * w[c][j];
            }
        }
    }

    private static void softmax(double[] x, double[][] w, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < w.length; c++) {
            double z = 0;
            for (int j = 0; j < x.length; j++) {
                z += w[c][j] * x[j];
            }
            p[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
    }

    /** The largest eigenvalue of {@code X^T X / n}, by power iteration. */
    private static double largestEigenvalue(double[][] x) {
        int d = x[0].length;
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 1;
        for (int it = 0; it < 30; it++) {
            double[] next = new double[d];
            for (double[] row : x) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += row[j] * v[j];
                }
                for (int j = 0; j < d; j++) {
                    next[j] += dot * row[j] / x.length;
                }
            }
            double norm = 0;
            for (double value : next) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 1;
            }
            lambda = norm;
            for (int j = 0; j < d; j++) {
                v[j] = next[j] / norm;
            }
        }
        return lambda;
    }

    /** The most probable class of one feature row (ties: the lower class). */
    public int predict(float[] features) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < weights.length; c++) {
            double z = bias[c];
            for (int j = 0; j < mean.length; j++) {
                z += weights[c][j] * (features[j] - mean[j]) / scale[j];
            }
            if (z > bestScore) {
                bestScore = z;
                best = c;
            }
        }
        return best;
    }

    /** The fraction of rows whose predicted class is their label. */
    public double accuracy(float[][] features, int[] labels) {
        Checks.require(features.length > 0 && features.length == labels.length,
                "accuracy needs as many labels as feature rows, at least one");
        int right = 0;
        for (int i = 0; i < features.length; i++) {
            right += predict(features[i]) == labels[i] ? 1 : 0;
        }
        return right / (double) features.length;
    }
}
