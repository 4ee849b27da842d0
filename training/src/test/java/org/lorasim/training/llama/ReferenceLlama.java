package org.lorasim.training.llama;

/**
 * A plain-Java forward of one token at a time with its own key/value memory, written from llama2.c's
 * {@code run.c} semantics (RMSNorm, interleaved rotary pairs, grouped-query heads {@code h / (heads /
 * kvHeads)}, causal attention over positions {@code 0..pos}, SwiGLU, output layer). The independent
 * reference the DJL blocks are checked against.
 */
final class ReferenceLlama {
    private final LlamaWeights w;
    private final LlamaConfig c;
    private final float[][][] keys;
    private final float[][][] values;
    private int pos;

    ReferenceLlama(LlamaWeights w) {
        this.w = w;
        this.c = w.config();
        keys = new float[c.layers()][c.seqLen()][];
        values = new float[c.layers()][c.seqLen()][];
    }

    /** Logits after feeding {@code token} at the next position. */
    float[] step(int token) {
        int dim = c.dim();
        int hs = c.headSize();
        float[] x = new float[dim];
        System.arraycopy(w.get(LlamaWeights.EMBEDDING).values(), token * dim, x, 0, dim);
        for (int l = 0; l < c.layers(); l++) {
            String p = LlamaWeights.layerPrefix(l);
            float[] n = rmsnorm(x, w.get(p + "attention_norm").values());
            float[] q = matmul(w.get(p + "attention.query").values(), n, dim);
            float[] k = matmul(w.get(p + "attention.key").values(), n, c.kvDim());
            float[] v = matmul(w.get(p + "attention.value").values(), n, c.kvDim());
            rotate(q);
            rotate(k);
            keys[l][pos] = k;
            values[l][pos] = v;
            float[] att = new float[dim];
            for (int h = 0; h < c.heads(); h++) {
                int kvh = h / c.groupSize();
                double[] scores = new double[pos + 1];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t <= pos; t++) {
                    double s = 0;
                    for (int i = 0; i < hs; i++) {
                        s += q[h * hs + i] * keys[l][t][kvh * hs + i];
                    }
                    scores[t] = s / Math.sqrt(hs);
                    max = Math.max(max, scores[t]);
                }
                double sum = 0;
                for (int t = 0; t <= pos; t++) {
                    scores[t] = Math.exp(scores[t] - max);
                    sum += scores[t];
                }
                for (int t = 0; t <= pos; t++) {
                    for (int i = 0; i < hs; i++) {
                        att[h * hs + i] += (float) (scores[t] / sum * values[l][t][kvh * hs + i]);
                    }
                }
            }
            float[] o = matmul(w.get(p + "attention.output").values(), att, dim);
            for (int i = 0; i < dim; i++) {
                x[i] += o[i];
            }
            float[] m = rmsnorm(x, w.get(p + "ffn_norm").values());
            float[] g = matmul(w.get(p + "ffn.gate").values(), m, c.hiddenDim());
            float[] u = matmul(w.get(p + "ffn.up").values(), m, c.hiddenDim());
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (g[i] / (1 + Math.exp(-g[i])) * u[i]);
            }
            float[] d = matmul(w.get(p + "ffn.down").values(), g, dim);
            for (int i = 0; i < dim; i++) {
                x[i] += d[i];
            }
        }
        pos++;
        return matmul(w.outputMatrix().values(), rmsnorm(x, w.get(LlamaWeights.FINAL_NORM).values()), c.vocabSize());
    }

    private void rotate(float[] vec) {
        int hs = c.headSize();
        for (int i = 0; i < vec.length; i += 2) {
            int headDim = i % hs;
            double freq = 1.0 / Math.pow(c.ropeTheta(), headDim / (double) hs);
            double val = pos * freq;
            double fcr = Math.cos(val);
            double fci = Math.sin(val);
            float v0 = vec[i];
            float v1 = vec[i + 1];
            vec[i] = (float) (v0 * fcr - v1 * fci);
            vec[i + 1] = (float) (v0 * fci + v1 * fcr);
        }
    }

    private float[] rmsnorm(float[] x, float[] weight) {
        double ss = 0;
        for (float v : x) {
            ss += v * v;
        }
        double inv = 1 / Math.sqrt(ss / x.length + c.normEps());
        float[] o = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            o[i] = (float) (weight[i] * x[i] * inv);
        }
        return o;
    }

    /** {@code W x} for {@code W} {@code [rows, x.length]} row-major. */
    private static float[] matmul(float[] w, float[] x, int rows) {
        float[] o = new float[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += w[r * x.length + i] * x[i];
            }
            o[r] = (float) s;
        }
        return o;
    }
}
