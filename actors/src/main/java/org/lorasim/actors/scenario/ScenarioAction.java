package org.lorasim.actors.scenario;

import java.util.List;
import java.util.Objects;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.Checks;

/**
 * What a scenario event does (issue 5, "Scenario scripting"). Client sets are resolved to sorted ids when the
 * scenario is read; durations are simulated nanoseconds; 0 for {@code recoverAfter} means "never by itself".
 */
public sealed interface ScenarioAction extends LorasimMessage {

    /** Crash-stop {@code clients}; with {@code recoverAfter > 0} they recover that much later. */
    record CrashClients(List<Integer> clients, boolean loseState, long recoverAfter) implements ScenarioAction {
        public CrashClients {
            clients = List.copyOf(clients);
            Checks.require(recoverAfter >= 0, "recover-after must be >= 0, got " + recoverAfter);
        }
    }

    /** Take {@code clients} out of the run: a crash-stop with state lost, recorded as a removal, never recovered
     * by itself (an {@code add-clients} event brings them back). */
    record RemoveClients(List<Integer> clients) implements ScenarioAction {
        public RemoveClients {
            clients = List.copyOf(clients);
        }
    }

    record RecoverClients(List<Integer> clients) implements ScenarioAction {
        public RecoverClients {
            clients = List.copyOf(clients);
        }
    }

    /** Divide the compute speed of {@code clients} by {@code factor} (1 restores it). */
    record SlowDown(List<Integer> clients, double factor) implements ScenarioAction {
        public SlowDown {
            clients = List.copyOf(clients);
            Checks.require(factor > 0 && Double.isFinite(factor), "factor must be finite and > 0, got " + factor);
        }
    }

    /** The links of {@code clients} in {@code direction} change; a negative or NaN field is left as it is. */
    record SetLinks(List<Integer> clients, Direction direction, long bandwidthBytesPerSecond, long latencyNanos,
                    double loss) implements ScenarioAction {
        public SetLinks {
            clients = List.copyOf(clients);
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** The links of {@code clients} in {@code direction} go down ({@code down}) or up. */
    record LinksDown(List<Integer> clients, Direction direction, boolean down) implements ScenarioAction {
        public LinksDown {
            clients = List.copyOf(clients);
            Objects.requireNonNull(direction, "direction");
        }
    }

    /** Each listed group of clients is cut off from everyone outside it (the server stays in the unlisted group). */
    record Partition(List<List<Integer>> groups) implements ScenarioAction {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }
    }

    record Heal() implements ScenarioAction {
    }

    /** The aggregator crashes; with {@code recoverAfter > 0} it restarts from its checkpoint that much later. */
    record CrashAggregator(long recoverAfter) implements ScenarioAction {
        public CrashAggregator {
            Checks.require(recoverAfter >= 0, "recover-after must be >= 0, got " + recoverAfter);
        }
    }

    record RecoverAggregator() implements ScenarioAction {
    }

    /** Which links of a client: its upload link, its download link, or both. */
    enum Direction { UP, DOWN, BOTH }
}
