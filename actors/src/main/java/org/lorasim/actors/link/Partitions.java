package org.lorasim.actors.link;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * A network partition as a group assignment: node id -> partition group. Two nodes can talk when they are
 * in the same group; every link between different groups is cut. Immutable and pure.
 *
 * <p>Nodes that the assignment does not list all share one implicit "rest" group: they still reach each
 * other, and are cut from every listed group. So {@code partition({3: 1})} isolates node 3 from everyone
 * else, and {@code partition({1: 0, 2: 0, 3: 1})} splits {1, 2} from {3} and cuts both from any other node.
 * Group numbers are labels only; {@link #heal()} (or {@link #none()}) connects everyone again.
 */
public final class Partitions {
    private static final Partitions NONE = new Partitions(Map.of());

    private final Map<Long, Integer> groups;

    private Partitions(Map<Long, Integer> groups) {
        this.groups = groups;
    }

    /** Everyone connected. */
    public static Partitions none() {
        return NONE;
    }

    /**
     * The partition that assigns each listed node to its group.
     *
     * @throws IllegalArgumentException if {@code groups} is null or holds a null key or value
     */
    public static Partitions of(Map<Long, Integer> groups) {
        if (groups == null) {
            throw new IllegalArgumentException("groups must not be null");
        }
        TreeMap<Long, Integer> copy = new TreeMap<>();
        groups.forEach((node, group) -> {
            if (node == null || group == null) {
                throw new IllegalArgumentException("groups must not hold null, got " + node + " -> " + group);
            }
            copy.put(node, group);
        });
        return copy.isEmpty() ? NONE : new Partitions(Map.copyOf(copy));
    }

    /** This network partitioned into {@code groups} (replacing any earlier partition). */
    public Partitions partition(Map<Long, Integer> groups) {
        return of(groups);
    }

    /** Everyone connected again. */
    public Partitions heal() {
        return NONE;
    }

    /** Whether a message from {@code a} can reach {@code b}; a node always reaches itself. */
    public boolean connected(long a, long b) {
        return a == b || Objects.equals(groups.get(a), groups.get(b));
    }

    /** The group {@code node} was assigned to, empty if it is in the unlisted rest. */
    public OptionalInt groupOf(long node) {
        Integer group = groups.get(node);
        return group == null ? OptionalInt.empty() : OptionalInt.of(group);
    }

    public boolean isPartitioned() {
        return !groups.isEmpty();
    }

    /** The assignment, sorted by node id. */
    public Map<Long, Integer> groups() {
        return new TreeMap<>(groups);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Partitions that && groups.equals(that.groups);
    }

    @Override
    public int hashCode() {
        return groups.hashCode();
    }

    @Override
    public String toString() {
        return groups.isEmpty() ? "Partitions(none)" : "Partitions" + new TreeMap<>(groups);
    }
}
