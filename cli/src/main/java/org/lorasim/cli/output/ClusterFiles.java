package org.lorasim.cli.output;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lorasim.cluster.node.ClusterMetricsRegistry;
import org.lorasim.cluster.sim.ClusterFiguresListener;
import org.lorasim.cluster.sim.ClusterView;

/**
 * A cluster run's figures in its run folder (docs/cluster.md, "Observability"):
 * <ul>
 *   <li>{@code cluster-nodes.csv}, one row per round and node, from the figures every node gave just after the
 *   round ended (wall time): {@code round}, {@code node} (address), {@code roles} ({@code ;}-separated),
 *   {@code status}, {@code shards}, {@code entities} (the run's client entities there), {@code trainer_slots_busy},
 *   {@code trainer_slots_total}, {@code trainings} and {@code slot_busy_millis} (running totals of the node's
 *   slots), {@code messages_sent} and {@code bytes_sent} (running totals of its remote traffic, Artery's own
 *   included), {@code retransmissions}, {@code answers_resent}, {@code duplicates} and {@code chaos_dropped} (running
 *   totals of its recovery of lost messages, {@code RecoveryCounts}). A figure a node does not have (slots on a clients-only node) is -1.</li>
 *   <li>{@code cluster.json}, the cluster at the end of the run in the form of {@code GET /cluster}: members with
 *   roles, status and reachability, and each node's figures (rewritten after every round until then).</li>
 * </ul>
 * Told from other threads than the run folder's; every file is rewritten whole and atomically.
 */
public final class ClusterFiles implements ClusterFiguresListener {
    public static final String CSV = "cluster-nodes.csv";
    public static final String JSON = "cluster.json";

    private static final List<String> HEADER = List.of("round", "node", "roles", "status", "shards", "entities",
            "trainer_slots_busy", "trainer_slots_total", "trainings", "slot_busy_millis", "messages_sent",
            "bytes_sent", "retransmissions", "answers_resent", "duplicates", "chaos_dropped");

    private final Path dir;
    private final TreeMap<Integer, ClusterView> rounds = new TreeMap<>();
    private boolean finished;

    public ClusterFiles(Path dir) {
        this.dir = dir;
    }

    @Override
    public synchronized void round(int round, ClusterView view) {
        rounds.put(round, view);
        AtomicFiles.writeString(dir.resolve(CSV), render(rounds));
        if (!finished && round == rounds.lastKey()) {
            AtomicFiles.writeString(dir.resolve(JSON), view.json());
        }
    }

    @Override
    public synchronized void finished(ClusterView view) {
        finished = true;
        AtomicFiles.writeString(dir.resolve(JSON), view.json());
    }

    /** The CSV of {@code rounds}' views, by round then node address. */
    public static String render(Map<Integer, ClusterView> rounds) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        rounds.forEach((round, view) -> view.nodes().forEach((node, f) -> line(out, row(round, node, view, f))));
        return out.toString();
    }

    private static List<String> row(int round, String node, ClusterView view, ClusterMetricsRegistry.NodeFigures f) {
        List<String> fields = new ArrayList<>();
        fields.add(Integer.toString(round));
        fields.add(node);
        fields.add(String.join(";", view.rolesOf(node)));
        fields.add(view.members().stream().filter(m -> m.address().equals(node)).findFirst()
                .map(ClusterView.Member::status).orElse("Removed"));
        for (long v : new long[]{f.shards(), f.entities(), f.slotsBusy(), f.slotsTotal(), f.trainings(),
                f.slotBusyMillis(), f.messagesSent(), f.bytesSent(), f.recovery().retransmissions(),
                f.recovery().answersResent(), f.recovery().duplicates(), f.recovery().chaosDropped()}) {
            fields.add(Long.toString(v));
        }
        return fields;
    }

    private static void line(StringBuilder out, List<String> fields) {
        out.append(String.join(",", fields.stream().map(RoundsCsv::quote).toList())).append('\n');
    }
}
