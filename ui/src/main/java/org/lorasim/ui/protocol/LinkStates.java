package org.lorasim.ui.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lorasim.actors.run.ClientSplit;
import org.lorasim.actors.run.RunGraph;

/**
 * Decides how each link of the graph is drawn (its bandwidth, whether it is switched off, whether a partition
 * cuts it) and which groups a partition made, from what the run reports, and tells every change: a
 * {@code link-state} message per link, a {@code partition} message per partition or heal. The rules:
 * <ul>
 *   <li>once both the graph and the split are known, every link starts up, uncut, at its sender's bandwidth as
 *       drawn for the run (a client's uplink for {@code client-N-up} and for its links to peers, its downlink
 *       for {@code client-N-down}), the way the run builds its links;</li>
 *   <li>a {@code link-changed} event (the link's own report, {@code LinkActor.LinkChanged}) sets what its
 *       detail says: {@code bandwidth N B/s}, {@code down}, {@code up}, {@code partitioned} (cut),
 *       {@code partitioned, this link not cut}, {@code healed}; latency, jitter and loss changes draw
 *       nothing;</li>
 *   <li>{@code scenario-partition} tells its groups, {@code scenario-heal} tells no groups.</li>
 * </ul>
 */
public final class LinkStates {

    private static final Pattern BANDWIDTH = Pattern.compile("^bandwidth (\\d+) B/s$");

    /** One link as drawn. */
    private static final class Link {
        final int from;
        final int to;
        long bandwidth = -1;
        boolean down;
        boolean cut;

        Link(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    private final Consumer<ObjectNode> out;
    private final Map<String, Link> links = new LinkedHashMap<>();
    private ClientSplit split;

    public LinkStates(Consumer<ObjectNode> out) {
        this.out = out;
    }

    public void graph(RunGraph graph) {
        links.clear();
        graph.links().forEach(l -> links.put(l.name(), new Link(l.from(), l.to())));
        start();
    }

    public void split(ClientSplit split) {
        this.split = split;
        start();
    }

    /** Whether {@code link} is switched off; false for a link not in the graph. */
    public boolean down(String link) {
        Link l = links.get(link);
        return l != null && l.down;
    }

    /** Whether a partition cuts {@code link}. */
    public boolean cut(String link) {
        Link l = links.get(link);
        return l != null && l.cut;
    }

    /** Its bandwidth in bytes/s; -1 while not known. */
    public long bandwidth(String link) {
        Link l = links.get(link);
        return l == null ? -1 : l.bandwidth;
    }

    public void event(long time, String kind, String subject, String detail) {
        switch (kind) {
            case "link-changed" -> changed(time, subject, detail);
            case "scenario-partition" -> out.accept(Messages.partition(PartitionGroups.parse(detail), time));
            case "scenario-heal" -> out.accept(Messages.partition(List.of(), time));
            default -> {
            }
        }
    }

    private void changed(long time, String name, String detail) {
        Link l = links.get(name);
        if (l == null) {
            return;
        }
        Matcher bandwidth = BANDWIDTH.matcher(detail);
        if (bandwidth.matches()) {
            l.bandwidth = Long.parseLong(bandwidth.group(1));
        } else {
            switch (detail) {
                case "down" -> l.down = true;
                case "up" -> l.down = false;
                case "partitioned" -> l.cut = true;
                case "partitioned, this link not cut", "healed" -> l.cut = false;
                default -> {
                    return;
                }
            }
        }
        tell(name, l, time);
    }

    private void start() {
        if (split == null || links.isEmpty()) {
            return;
        }
        links.forEach((name, l) -> {
            int sender = l.from >= 0 ? l.from : l.to;
            ClientSplit.Client c = sender < split.clients().size() ? split.clients().get(sender) : null;
            if (c != null) {
                l.bandwidth = (long) (l.from >= 0 ? c.profile().uplinkBytesPerSecond()
                        : c.profile().downlinkBytesPerSecond());
            }
            tell(name, l, 0);
        });
    }

    private void tell(String name, Link l, long time) {
        out.accept(Messages.linkState(name, l.from, l.to, l.bandwidth, l.down, l.cut, time));
    }
}
