package org.lorasim.actors.scenario;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes a {@link ScenarioAction} back as one scripted event of {@code lorasim.scenario.events}, timed
 * {@code at-time} in whole nanoseconds, in the form {@link ScenarioSettings} reads: reading the line gives
 * the same action at the same simulated time. The dashboard appends what a person did to the run's saved
 * scenario this way, so that {@code lorasim run} of that file replays it.
 */
public final class ScenarioScript {

    private ScenarioScript() {
    }

    /** {@code action} at simulated {@code atTimeNanos} as a HOCON object, e.g. {@code { at-time = 5ns, action = heal }}. */
    public static String event(long atTimeNanos, ScenarioAction action) {
        return "{ at-time = " + atTimeNanos + "ns, " + body(action) + " }";
    }

    private static String body(ScenarioAction action) {
        if (action instanceof ScenarioAction.CrashClients c) {
            return "action = crash, clients = " + ids(c.clients()) + ", lose-state = " + c.loseState()
                    + (c.recoverAfter() > 0 ? ", recover-after = " + c.recoverAfter() + "ns" : "");
        } else if (action instanceof ScenarioAction.RemoveClients r) {
            return "action = remove-clients, clients = " + ids(r.clients());
        } else if (action instanceof ScenarioAction.RecoverClients r) {
            return "action = recover, clients = " + ids(r.clients());
        } else if (action instanceof ScenarioAction.SlowDown s) {
            return "action = slow-down, clients = " + ids(s.clients()) + ", factor = " + s.factor();
        } else if (action instanceof ScenarioAction.SetLinks l) {
            return "action = set-link, clients = " + ids(l.clients()) + ", direction = " + direction(l.direction())
                    + (l.bandwidthBytesPerSecond() > 0 ? ", bandwidth = " + l.bandwidthBytesPerSecond() : "")
                    + (l.latencyNanos() >= 0 ? ", latency = " + l.latencyNanos() + "ns" : "")
                    + (Double.isNaN(l.loss()) ? "" : ", loss = " + l.loss());
        } else if (action instanceof ScenarioAction.LinksDown d) {
            return "action = " + (d.down() ? "link-down" : "link-up") + ", clients = " + ids(d.clients())
                    + ", direction = " + direction(d.direction());
        } else if (action instanceof ScenarioAction.Partition p) {
            return "action = partition, groups = " + p.groups().stream().map(ScenarioScript::ids)
                    .collect(Collectors.joining(", ", "[", "]"));
        } else if (action instanceof ScenarioAction.Heal) {
            return "action = heal";
        } else if (action instanceof ScenarioAction.CrashAggregator c) {
            return "action = crash-aggregator" + (c.recoverAfter() > 0 ? ", recover-after = " + c.recoverAfter() + "ns" : "");
        } else if (action instanceof ScenarioAction.RecoverAggregator) {
            return "action = recover-aggregator";
        }
        throw new IllegalArgumentException("no script form for " + action);
    }

    private static String ids(List<Integer> clients) {
        return clients.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String direction(ScenarioAction.Direction direction) {
        return direction.name().toLowerCase(Locale.ROOT);
    }
}
