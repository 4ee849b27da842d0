package org.lorasim.policies.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Natural, feature-level heterogeneity: clients get whole groups of examples, e.g. the LanguageTool rule
 * category of each sentence (GRAMMAR, TYPOS, PUNCTUATION, ...), so that each client sees one kind of
 * error. The {@code labels} passed to {@link #split} are the group ids.
 *
 * <p>Groups are ordered by size, largest first (ties: lower id first). With {@code G} non-empty groups
 * and {@code K} clients:
 * <ul>
 *   <li>{@code K = G}: client {@code k} holds the {@code k}-th group.</li>
 *   <li>{@code K < G}: groups are dealt round-robin in that order, group {@code j} to client
 *       {@code j mod K}, so every client holds one large group and some smaller ones.</li>
 *   <li>{@code K > G}: every group is split among {@code c_g >= 1} clients, allotted one at a time to the
 *       group with the largest examples-per-client {@code size_g / c_g} (D'Hondt; ties to the earlier
 *       group), which keeps shards near-equal and never gives a group more clients than examples.
 *       A group's indices are shuffled with the generator and cut into {@code c_g} near-equal slices;
 *       clients are numbered group by group in the order above.</li>
 * </ul>
 * The generator is used only when {@code K > G}; otherwise the split is fixed by the groups.
 */
public final class GroupPartitioner implements DataPartitioner {

    @Override
    public Partition split(int[] groups, int clients, RandomGenerator rng) {
        PartitionSupport.check(groups, clients, rng);
        List<int[]> byGroup = new ArrayList<>(PartitionSupport.indicesByLabel(groups));
        byGroup.sort((x, y) -> x.length != y.length ? Integer.compare(y.length, x.length)
                : Integer.compare(groups[x[0]], groups[y[0]]));
        int g = byGroup.size();
        List<int[]> out = new ArrayList<>(clients);
        if (clients <= g) {
            PartitionSupport.IntList[] held = new PartitionSupport.IntList[clients];
            for (int k = 0; k < clients; k++) {
                held[k] = new PartitionSupport.IntList();
            }
            for (int j = 0; j < g; j++) {
                int[] members = byGroup.get(j);
                held[j % clients].addAll(members, 0, members.length);
            }
            for (PartitionSupport.IntList b : held) {
                out.add(b.toArray());
            }
            return new Partition(out);
        }
        int[] sizes = byGroup.stream().mapToInt(m -> m.length).toArray();
        int[] shards = clientsPerGroup(sizes, clients);
        for (int j = 0; j < g; j++) {
            int[] idx = byGroup.get(j).clone();
            PartitionSupport.shuffle(idx, rng);
            out.addAll(Arrays.asList(PartitionSupport.slices(idx, PartitionSupport.evenSizes(idx.length, shards[j]))));
        }
        return new Partition(out);
    }

    /**
     * How many clients each group is split among (D'Hondt), for group sizes in the order given and
     * {@code clients >= sizes.length}, {@code clients <= sum(sizes)}.
     */
    static int[] clientsPerGroup(int[] sizes, int clients) {
        int[] c = new int[sizes.length];
        Arrays.fill(c, 1);
        for (int given = sizes.length; given < clients; given++) {
            int best = 0;
            for (int j = 1; j < sizes.length; j++) {
                if ((long) sizes[j] * c[best] > (long) sizes[best] * c[j]) {
                    best = j;
                }
            }
            c[best]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return "GroupPartitioner";
    }
}
