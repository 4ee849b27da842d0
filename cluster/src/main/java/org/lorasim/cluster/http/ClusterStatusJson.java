package org.lorasim.cluster.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.node.ClusterMetricsRegistry;
import org.lorasim.cluster.node.ClusterNode;
import org.lorasim.cluster.node.SentCounter;

/**
 * The cluster as this node sees it, as JSON:
 * <pre>{"self": ADDRESS, "leader": ADDRESS|null, "selfSent": {"messages", "bytes"} (this node's, counted by Artery),
 *  "members": [{"address", "roles": [...], "status": "Up"|"Joining"|..., "reachable": bool}],
 *  "nodes": {ADDRESS: {"shards", "entities", "trainerSlotsBusy", "trainerSlotsTotal", "slotUtilisation",
 *                      "trainings", "slotBusyMillis", "messagesSent", "bytesSent",
 *                      "recovery": {"retransmissions", "answersResent", "duplicates", "chaosDropped"}}}}</pre>
 * Members are sorted by address; a figure no one reported is -1 ({@link ClusterMetricsRegistry.NodeFigures}).
 * The node figures are those last reported to this system's {@link ClusterMetricsRegistry} (the simulation's
 * collector asks every node for them, see docs/cluster.md, "Observability").
 */
public final class ClusterStatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterStatusJson() {
    }

    public static String render(ClusterNode node) {
        return render(node.system());
    }

    /** The cluster as the node of {@code system} sees it, with the figures of its registry. */
    public static String render(ActorSystem<?> system) {
        return render(system, ClusterMetricsRegistry.of(system));
    }

    /** The cluster as the node of {@code system} sees it, with the figures of {@code registry} (e.g. one run's). */
    public static String render(ActorSystem<?> system, ClusterMetricsRegistry registry) {
        Cluster cluster = Cluster.get(system);
        ClusterEvent.CurrentClusterState state = cluster.state();
        ObjectNode root = JSON.createObjectNode();
        root.put("self", cluster.selfMember().address().toString());
        root.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
        ArrayNode members = root.putArray("members");
        TreeSet<Member> sorted = new TreeSet<>((a, b) -> a.address().toString().compareTo(b.address().toString()));
        state.getMembers().forEach(sorted::add);
        for (Member m : sorted) {
            ObjectNode member = members.addObject();
            member.put("address", m.address().toString());
            ArrayNode roles = member.putArray("roles");
            new TreeSet<>(m.getRoles()).stream().filter(r -> !r.startsWith("dc-")).forEach(roles::add);
            member.put("status", statusName(m));
            member.put("reachable", !state.getUnreachable().contains(m));
        }
        ObjectNode self = root.putObject("selfSent");
        SentCounter.Totals sent = SentCounter.of(Adapter.toClassic(system));
        self.put("messages", sent.messages());
        self.put("bytes", sent.bytes());
        ObjectNode nodes = root.putObject("nodes");
        for (Map.Entry<String, ClusterMetricsRegistry.NodeFigures> e
                : registry.snapshot().entrySet()) {
            ClusterMetricsRegistry.NodeFigures f = e.getValue();
            ObjectNode n = nodes.putObject(e.getKey());
            n.put("shards", f.shards());
            n.put("entities", f.entities());
            n.put("trainerSlotsBusy", f.slotsBusy());
            n.put("trainerSlotsTotal", f.slotsTotal());
            n.put("slotUtilisation", f.slotUtilisation());
            n.put("trainings", f.trainings());
            n.put("slotBusyMillis", f.slotBusyMillis());
            n.put("messagesSent", f.messagesSent());
            n.put("bytesSent", f.bytesSent());
            ObjectNode recovery = n.putObject("recovery");
            recovery.put("retransmissions", f.recovery().retransmissions());
            recovery.put("answersResent", f.recovery().answersResent());
            recovery.put("duplicates", f.recovery().duplicates());
            recovery.put("chaosDropped", f.recovery().chaosDropped());
        }
        return root.toString();
    }

    /** Pekko's status objects print as {@code Up}, {@code Joining}, ... */
    private static String statusName(Member m) {
        return m.status().toString();
    }
}
