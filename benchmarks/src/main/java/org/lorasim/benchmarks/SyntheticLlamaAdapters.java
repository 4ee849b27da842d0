package org.lorasim.benchmarks;

import java.util.Collections;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.aggregation.ClientFactors;

/**
 * A seeded synthetic round of LoRA updates shaped like Llama-7B's: per layer q, k, v, o (4096 x 4096) and
 * gate, up (11008 x 4096), down (4096 x 11008), out x in as the model holds them; each client's rank is
 * drawn once from {4, 8, 16, 32, 64} and its weight n_k from [100, 1000]. Factors are generated on demand,
 * from {@code (seed, client, matrix)} alone, so only the matrices in flight exist: the whole set would be
 * about 5 GB of float32. A ~ U(-sqrt(3 / in), sqrt(3 / in)) (variance 1 / in, like LoRA's Kaiming start),
 * B ~ U(-0.01, 0.01) (trained away from zero); alpha 16, standard scaling. SYNTHETIC values.
 */
final class SyntheticLlamaAdapters implements ClientFactors {
    static final int[] RANKS = {4, 8, 16, 32, 64};
    private static final String[] ATTENTION = {"q_proj", "k_proj", "v_proj", "o_proj"};
    private static final String[] MLP = {"gate_proj", "up_proj", "down_proj"};

    private final long seed;
    private final int[] ranks;
    private final double[] weights;
    private final TreeMap<String, int[]> shapes = new TreeMap<>();
    private final TreeMap<String, Integer> index = new TreeMap<>();

    SyntheticLlamaAdapters(long seed, int layers, int clients, int hidden, int intermediate) {
        this.seed = seed;
        SplittableRandom rng = new SplittableRandom(seed);
        ranks = new int[clients];
        weights = new double[clients];
        for (int k = 0; k < clients; k++) {
            ranks[k] = RANKS[rng.nextInt(RANKS.length)];
            weights[k] = 100 + rng.nextInt(901);
        }
        for (int l = 0; l < layers; l++) {
            String prefix = String.format("layers.%02d.", l);
            for (String m : ATTENTION) {
                shapes.put(prefix + "self_attn." + m, new int[] {hidden, hidden});
            }
            shapes.put(prefix + "mlp.gate_proj", new int[] {intermediate, hidden});
            shapes.put(prefix + "mlp.up_proj", new int[] {intermediate, hidden});
            shapes.put(prefix + "mlp.down_proj", new int[] {hidden, intermediate});
        }
        int i = 0;
        for (String name : shapes.keySet()) {
            index.put(name, i++);
        }
    }

    /** The names of layer {@code l}'s seven matrices, in name order. */
    SortedSet<String> layer(int l) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(shapes.subMap(String.format("layers.%02d.", l),
                String.format("layers.%02d/", l)).keySet()));
    }

    int[] ranks() {
        return ranks.clone();
    }

    /** {@code R = sum_k r_k}. */
    int totalRank() {
        int r = 0;
        for (int x : ranks) {
            r += x;
        }
        return r;
    }

    /** {out, in} of {@code matrix}. */
    int[] shape(String matrix) {
        return shapes.get(matrix).clone();
    }

    @Override
    public SortedSet<String> matrices() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(shapes.keySet()));
    }

    @Override
    public int clients() {
        return ranks.length;
    }

    @Override
    public double weight(int client) {
        return weights[client];
    }

    @Override
    public LoraFactors factors(int client, String matrix) {
        return generate(client, matrix, ranks[client]);
    }

    /** A global adapter's factors of {@code matrix} at {@code rank} (the stream after the clients'). */
    LoraFactors global(String matrix, int rank) {
        return generate(ranks.length, matrix, rank);
    }

    private LoraFactors generate(int stream, String matrix, int rank) {
        int[] shape = shapes.get(matrix);
        if (shape == null) {
            throw new IllegalArgumentException("no matrix named '" + matrix + "'");
        }
        int out = shape[0];
        int in = shape[1];
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1_000_003L * stream + index.get(matrix));
        float[] a = new float[rank * in];
        double bound = Math.sqrt(3.0 / in);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-bound, bound);
        }
        float[] b = new float[out * rank];
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble(-0.01, 0.01);
        }
        return new LoraFactors(rank, in, out, a, b, 16.0, LoraScaling.STANDARD);
    }
}
