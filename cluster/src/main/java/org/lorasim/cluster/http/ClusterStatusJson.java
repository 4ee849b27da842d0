package org.lorasim.cluster.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.lorasim.cluster.node.ClusterMetricsRegistry;
import org.lorasim.cluster.node.ClusterNode;

/**
 * The cluster as this node sees it, as JSON:
 * <pre>{"self": ADDRESS, "leader": ADDRESS|null, "selfSent": {"messages", "bytes"} (this node's, counted by Artery),
 *  "members": [{"address", "roles": [...], "status": "Up"|"Joining"|..., "reachable": bool}],
 *  "nodes": {ADDRESS: {"shards", "entities", "trainerSlotsBusy", "trainerSlotsTotal", "slotUtilisation",
 *                      "messagesSent", "bytesSent"}}}</pre>
 * Members are sorted by address; a figure no one reported is -1 ({@link ClusterMetricsRegistry.NodeFigures}).
 */
public final class ClusterStatusJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ClusterStatusJson() {
    }

    public static String render(ClusterNode node) {
        Cluster cluster = Cluster.get(node.system());
        ClusterEvent.CurrentClusterState state = cluster.state();
        ObjectNode root = JSON.createObjectNode();
        root.put("self", node.address());
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
        self.put("messages", node.sent().messages());
        self.put("bytes", node.sent().bytes());
        ObjectNode nodes = root.putObject("nodes");
        for (Map.Entry<String, ClusterMetricsRegistry.NodeFigures> e : node.metrics().snapshot().entrySet()) {
            ClusterMetricsRegistry.NodeFigures f = e.getValue();
            ObjectNode n = nodes.putObject(e.getKey());
            n.put("shards", f.shards());
            n.put("entities", f.entities());
            n.put("trainerSlotsBusy", f.slotsBusy());
            n.put("trainerSlotsTotal", f.slotsTotal());
            n.put("slotUtilisation", f.slotUtilisation());
            n.put("messagesSent", f.messagesSent());
            n.put("bytesSent", f.bytesSent());
        }
        return root.toString();
    }

    /** Pekko's status objects print as {@code Up}, {@code Joining}, ... */
    private static String statusName(Member m) {
        return m.status().toString();
    }
}
