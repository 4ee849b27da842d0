package org.lorasim.ui.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides each client's {@link ClientState} from what a run reports, and tells every change as a
 * {@code client-state} message. The rules, applied in the order the reports come:
 * <ul>
 *   <li>a round starts: its sampled clients that are up start {@code training};</li>
 *   <li>a client's upload leaves it: {@code uploading} until its arrival time, then {@code waiting} (seen at the
 *       next report at or after that time); a gossip client sending to a neighbour likewise;</li>
 *   <li>a round's participation: {@code late} clients are {@code straggling}; took part, failed or not sampled
 *       and up: {@code idle}; crashed, removed, unreachable, does-not-fit as reported;</li>
 *   <li>events: {@code client-crashed} crashed, {@code client-removed} removed, {@code client-does-not-fit}
 *       does-not-fit (its memory cannot hold its training: it never trains, for the whole run),
 *       {@code client-recovered} idle, {@code client-slowed} sets the slow-down factor; {@code scenario-partition} marks the listed groups
 *       {@code partitioned} and {@code scenario-heal} frees them; a gossip round record makes every client that
 *       is up {@code idle}.</li>
 * </ul>
 * Crashed and removed clients change only through recovery; a partitioned one only through a heal.
 */
public final class ClientStates {

    private static final Pattern FACTOR = Pattern.compile("([0-9.]+)x slower");

    private final Consumer<ObjectNode> out;
    private ClientState[] states = new ClientState[0];
    private double[] slowdown = new double[0];
    private final Map<Integer, Long> uploadsArriving = new TreeMap<>();

    public ClientStates(Consumer<ObjectNode> out) {
        this.out = out;
    }

    public void clients(int count) {
        states = new ClientState[count];
        Arrays.fill(states, ClientState.IDLE);
        slowdown = new double[count];
        Arrays.fill(slowdown, 1.0);
    }

    public ClientState state(int client) {
        return states[client];
    }

    public double slowdown(int client) {
        return slowdown[client];
    }

    public int count() {
        return states.length;
    }

    public void roundStarted(long time, List<Integer> sampled) {
        reach(time);
        for (int c : sampled) {
            if (up(c)) {
                set(c, ClientState.TRAINING, time);
            }
        }
    }

    public void sent(int from, long sentAt, long arrival) {
        reach(sentAt);
        if (from >= 0 && from < states.length && up(from)) {
            set(from, ClientState.UPLOADING, sentAt);
            uploadsArriving.put(from, arrival);
        }
    }

    public void participation(long time, Map<Integer, String> statuses) {
        reach(time);
        for (int c = 0; c < states.length; c++) {
            String status = statuses.getOrDefault(c, "not-sampled");
            switch (status) {
                case "late" -> set(c, ClientState.STRAGGLING, time);
                case "crashed" -> set(c, ClientState.CRASHED, time);
                case "removed" -> set(c, ClientState.REMOVED, time);
                case "does-not-fit" -> set(c, ClientState.DOES_NOT_FIT, time);
                case "unreachable" -> set(c, ClientState.PARTITIONED, time);
                default -> {
                    if (up(c)) {
                        set(c, ClientState.IDLE, time);
                    }
                }
            }
        }
    }

    /** A gossip iteration ended: every client that is up rests. */
    public void gossipRound(long time) {
        reach(time);
        for (int c = 0; c < states.length; c++) {
            if (up(c)) {
                set(c, ClientState.IDLE, time);
            }
        }
    }

    public void event(long time, String kind, String subject, String detail) {
        reach(time);
        int client = clientOf(subject);
        switch (kind) {
            case "client-crashed" -> set(client, ClientState.CRASHED, time);
            case "client-removed" -> set(client, ClientState.REMOVED, time);
            case "client-does-not-fit" -> set(client, ClientState.DOES_NOT_FIT, time);
            case "client-recovered" -> set(client, ClientState.IDLE, time);
            case "client-slowed" -> {
                Matcher m = FACTOR.matcher(detail);
                if (client >= 0 && client < states.length && m.find()) {
                    slowdown[client] = Double.parseDouble(m.group(1));
                    tell(client, time);
                }
            }
            case "scenario-partition" -> {
                for (List<Integer> group : PartitionGroups.parse(detail)) {
                    for (int id : group) {
                        if (up(id)) {
                            set(id, ClientState.PARTITIONED, time);
                        }
                    }
                }
            }
            case "scenario-heal" -> {
                for (int c = 0; c < states.length; c++) {
                    if (states[c] == ClientState.PARTITIONED) {
                        set(c, ClientState.IDLE, time);
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Uploads that arrived by {@code time} leave their senders waiting. */
    private void reach(long time) {
        uploadsArriving.entrySet().removeIf(e -> {
            if (e.getValue() <= time) {
                if (states[e.getKey()] == ClientState.UPLOADING) {
                    set(e.getKey(), ClientState.WAITING, e.getValue());
                }
                return true;
            }
            return false;
        });
    }

    private boolean up(int c) {
        return c >= 0 && c < states.length && states[c] != ClientState.CRASHED && states[c] != ClientState.REMOVED
                && states[c] != ClientState.PARTITIONED && states[c] != ClientState.DOES_NOT_FIT;
    }

    private void set(int c, ClientState state, long time) {
        if (c < 0 || c >= states.length || states[c] == state) {
            return;
        }
        states[c] = state;
        tell(c, time);
    }

    private void tell(int c, long time) {
        out.accept(Messages.clientState(c, states[c], time, slowdown[c]));
    }

    /** {@code client-3} is 3; anything else -1. */
    public static int clientOf(String subject) {
        if (subject.startsWith("client-")) {
            String rest = subject.substring("client-".length());
            int end = 0;
            while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
                end++;
            }
            if (end > 0) {
                return Integer.parseInt(rest.substring(0, end));
            }
        }
        return -1;
    }
}
