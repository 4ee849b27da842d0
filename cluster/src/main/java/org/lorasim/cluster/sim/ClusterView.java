package org.lorasim.cluster.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.http.ClusterStatusJson;
import org.lorasim.cluster.node.ClusterMetricsRegistry;

/**
 * The cluster as the coordinator saw it at one moment: its members with their roles, each node's figures, and
 * the same as the JSON that {@code GET /cluster} serves ({@link ClusterStatusJson}).
 *
 * @param nodes by address, sorted; a figure nobody reported is -1
 */
public record ClusterView(List<Member> members, Map<String, ClusterMetricsRegistry.NodeFigures> nodes,
                          String json) {

    /** A member: its address, roles (sorted), status ({@code Up}, {@code Leaving}, ...) and reachability. */
    public record Member(String address, List<String> roles, String status, boolean reachable) {
        public Member {
            roles = List.copyOf(roles);
        }
    }

    public ClusterView {
        members = List.copyOf(members);
        nodes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(nodes));
    }

    /** The roles of the member at {@code address}, empty when it is no member (any more). */
    public List<String> rolesOf(String address) {
        return members.stream().filter(m -> m.address().equals(address)).findFirst().map(Member::roles)
                .orElse(List.of());
    }

    /** What the node of {@code system} knows now, with the figures of {@code registry}. */
    static ClusterView of(ActorSystem<?> system, ClusterMetricsRegistry registry) {
        ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
        TreeSet<org.apache.pekko.cluster.Member> sorted = new TreeSet<>(
                (a, b) -> a.address().toString().compareTo(b.address().toString()));
        state.getMembers().forEach(sorted::add);
        List<Member> members = sorted.stream().map(m -> new Member(m.address().toString(),
                new TreeSet<>(m.getRoles()).stream().filter(r -> !r.startsWith("dc-")).toList(),
                m.status().toString(), !state.getUnreachable().contains(m))).toList();
        return new ClusterView(members, registry.snapshot(),
                ClusterStatusJson.render(system, registry));
    }
}
