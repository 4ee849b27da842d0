package org.lorasim.policies.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;

/** Argument checks, shuffling and splitting shared by the partitioners. */
final class PartitionSupport {
    private PartitionSupport() {
    }

    static void check(int[] labels, int clients, RandomGenerator rng) {
        Checks.require(labels != null && labels.length > 0, "labels must not be empty");
        Checks.positive("clients", clients);
        Checks.require(clients <= labels.length,
                "clients=" + clients + " exceeds the number of examples " + labels.length);
        Objects.requireNonNull(rng, "rng");
        for (int i = 0; i < labels.length; i++) {
            Checks.require(labels[i] >= 0, "labels[" + i + "] must be >= 0, got " + labels[i]);
        }
    }

    static int[] range(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Fisher-Yates shuffle in place. */
    static void shuffle(int[] values, RandomGenerator rng) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code n} split into {@code parts} near-equal sizes: the first {@code n mod parts} get one more. */
    static int[] evenSizes(int n, int parts) {
        int[] sizes = new int[parts];
        for (int k = 0; k < parts; k++) {
            sizes[k] = n / parts + (k < n % parts ? 1 : 0);
        }
        return sizes;
    }

    /** Consecutive slices of {@code values} with the given sizes. */
    static int[][] slices(int[] values, int[] sizes) {
        int[][] out = new int[sizes.length][];
        int at = 0;
        for (int k = 0; k < sizes.length; k++) {
            out[k] = Arrays.copyOfRange(values, at, at + sizes[k]);
            at += sizes[k];
        }
        Checks.require(at == values.length, "slice sizes sum to " + at + ", expected " + values.length);
        return out;
    }

    /** Each label's example indices, in ascending label order. */
    static List<int[]> indicesByLabel(int[] labels) {
        TreeMap<Integer, IntList> byLabel = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byLabel.computeIfAbsent(labels[i], l -> new IntList()).add(i);
        }
        List<int[]> out = new ArrayList<>(byLabel.size());
        byLabel.values().forEach(b -> out.add(b.toArray()));
        return out;
    }

    /** A growable int list. */
    static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void addAll(int[] source, int from, int to) {
            for (int i = from; i < to; i++) {
                add(source[i]);
            }
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
