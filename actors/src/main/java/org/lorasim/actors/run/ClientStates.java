package org.lorasim.actors.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lorasim.actors.link.LinkActor;

/**
 * The observer's memory of what happened to each client, for {@link ParticipationStatus}: when it was down
 * ({@code client-crashed} to {@code client-recovered} {@link RunEvent}s, a {@code client-removed} one marking
 * the stretch as a removal) and when a message on one of its links was lost ({@code client-N-up} or
 * {@code client-N-down}, any {@link org.lorasim.actors.link.LinkModel.LossReason}) and which clients do not fit
 * ({@code client-does-not-fit}: never trained, {@link ClientsThatDoNotFit}). A plain single-threaded
 * class fed by a recorder in any order; a question about {@code [from, to)} is answered once every event
 * before {@code to} was fed.
 */
final class ClientStates {
    private static final Pattern CLIENT = Pattern.compile("client-(\\d+)");
    private static final Pattern CLIENT_LINK = Pattern.compile("client-(\\d+)-(up|down)");

    /** A stretch of time a client was down: {@code [from, until)}, {@code until = Long.MAX_VALUE} while down. */
    private static final class Down {
        final long from;
        long until = Long.MAX_VALUE;
        boolean removed;

        Down(long from) {
            this.from = from;
        }
    }

    private final Map<Integer, List<Down>> down = new HashMap<>();
    private final Map<Integer, List<Long>> losses = new HashMap<>();
    private final SortedSet<Integer> doesNotFit = new TreeSet<>();

    void onEvent(RunEvent event) {
        Matcher m = CLIENT.matcher(event.subject());
        if (!m.matches()) {
            return;
        }
        int client = Integer.parseInt(m.group(1));
        if (event.kind().equals("client-does-not-fit")) {
            doesNotFit.add(client);
            return;
        }
        List<Down> stretches = down.computeIfAbsent(client, k -> new ArrayList<>());
        switch (event.kind()) {
            case "client-crashed", "client-removed" -> {
                Down open = openAt(stretches, event.timeNanos());
                if (open == null) {
                    open = new Down(event.timeNanos());
                    stretches.add(open);
                }
                open.removed |= event.kind().equals("client-removed");
            }
            case "client-recovered" -> {
                for (Down d : stretches) {
                    if (d.until == Long.MAX_VALUE && d.from <= event.timeNanos()) {
                        d.until = event.timeNanos();
                    }
                }
            }
            default -> {
            }
        }
    }

    void onLost(LinkActor.MessageLost lost) {
        Matcher m = CLIENT_LINK.matcher(lost.link());
        if (m.matches()) {
            losses.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(lost.sentAt());
        }
    }

    /** The clients that never train because they do not fit ({@code client-does-not-fit} events), by id. */
    List<Integer> doesNotFit() {
        return List.copyOf(doesNotFit);
    }

    /** Removed (by the scenario) at some time before {@code to} and not back by {@code from}. */
    boolean removed(int client, long from, long to) {
        return down.getOrDefault(client, List.of()).stream().anyMatch(d -> d.removed && overlaps(d, from, to));
    }

    /** Down at some time in {@code [from, to)}. */
    boolean crashed(int client, long from, long to) {
        return down.getOrDefault(client, List.of()).stream().anyMatch(d -> overlaps(d, from, to));
    }

    /** A message on one of its links was lost in {@code [from, to)}. */
    boolean unreachable(int client, long from, long to) {
        return losses.getOrDefault(client, List.of()).stream().anyMatch(t -> t >= from && t < to);
    }

    private static boolean overlaps(Down d, long from, long to) {
        return d.from < to && d.until > from;
    }

    private static Down openAt(List<Down> stretches, long time) {
        for (Down d : stretches) {
            if (d.from <= time && d.until > time) {
                return d;
            }
        }
        return null;
    }
}
