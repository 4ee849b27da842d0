package org.lorasim.actors.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockParticipant;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.scenario.ScenarioAction.Direction;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * The scenario runner of DESIGN.md: a clock participant that turns the scenario's {@link ScenarioEvent}s
 * into messages at their simulated times. Timed events are scheduled before the run starts
 * ({@link #openingSchedule}); round events fire when the aggregator (or the gossip driver) delivers
 * {@link AggregatorActor.RoundBegan} for their round, each (event, round) once even when a round is
 * restarted after an aggregator crash. An action is delivered to its targets at the same simulated time, and
 * recorded as a {@link RunEvent} of kind {@code scenario-<action>}; a removal also records one
 * {@code client-removed} event per client, for the participation timeline. A crash with {@code recover-after}
 * schedules its own recovery.
 */
public final class ScenarioRunner extends ClockParticipant {

    /** The runner's own wake-up: occurrence {@code occurrence} of event {@code event}, or a scheduled follow-up. */
    public record Fire(int event, int occurrence, ScenarioAction followUp) implements LorasimMessage {
    }

    /**
     * From a dashboard: when the next round begins, tell {@code clock} {@link Clock.RoundPause} before
     * acknowledging, so simulated time stops exactly at that round's start if the clock is still
     * {@link Clock.ArmRoundPause armed}. Schedules nothing, so it changes no result.
     */
    public record PauseAtNextRound(ActorRef<Clock.Command> clock) implements LorasimMessage {
    }

    private final List<ScenarioEvent> events;
    private final Supplier<ScenarioTargets> targetsLater;
    private ScenarioTargets targets;
    private final ActorRef<RunEvent> recorder;
    private final Set<Long> firedAtRound = new HashSet<>();
    private int round = -1;
    private ActorRef<Clock.Command> pauseAtNextRound;

    public static Behavior<Clock.Delivered> create(List<ScenarioEvent> events, ScenarioTargets targets,
                                                   ActorRef<RunEvent> recorder, long senderId) {
        return create(events, () -> targets, recorder, senderId);
    }

    /**
     * A runner whose targets are known only after it is spawned (the targets tell it when rounds begin, so
     * they need its ref): {@code targets} is read at the first event, which comes after the graph is built.
     */
    public static Behavior<Clock.Delivered> create(List<ScenarioEvent> events, Supplier<ScenarioTargets> targets,
                                                   ActorRef<RunEvent> recorder, long senderId) {
        return Behaviors.setup(context -> new ScenarioRunner(context, events, targets, recorder, senderId));
    }

    /**
     * The timed events of {@code events} as a {@link Clock.Schedule} for {@code runner}, made with the runner's
     * sender id and counters from 0 (the runner's own outbox continues after them, from
     * {@link #firstCounterAfter}).
     */
    public static Clock.Schedule openingSchedule(List<ScenarioEvent> events, ActorRef<Clock.Delivered> runner,
                                                 long senderId) {
        EventOutbox opening = new EventOutbox(senderId);
        for (int i = 0; i < events.size(); i++) {
            ScenarioEvent e = events.get(i);
            if (!e.byRound()) {
                for (int k = 0; k < e.times(); k++) {
                    opening.deliver(e.timeOf(k), runner, new Fire(i, k, null));
                }
            }
        }
        return opening.toSchedule();
    }

    /** How many events {@link #openingSchedule} makes: the runner's outbox skips these counters. */
    public static long firstCounterAfter(List<ScenarioEvent> events) {
        return events.stream().filter(e -> !e.byRound()).mapToLong(ScenarioEvent::times).sum();
    }

    private ScenarioRunner(ActorContext<Clock.Delivered> context, List<ScenarioEvent> events,
                           Supplier<ScenarioTargets> targets, ActorRef<RunEvent> recorder, long senderId) {
        super(context, new EventOutbox(senderId, firstCounterAfter(events)));
        this.events = List.copyOf(events);
        this.targetsLater = targets;
        this.recorder = recorder;
    }

    @Override
    protected void handle(long now, Object message) {
        if (message instanceof PauseAtNextRound pause) {
            pauseAtNextRound = pause.clock();
        } else if (message instanceof AggregatorActor.RoundBegan began) {
            round = began.round();
            if (pauseAtNextRound != null) {
                pauseAtNextRound.tell(new Clock.RoundPause());
                pauseAtNextRound = null;
            }
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).firesAtRound(began.round()) && firedAtRound.add(((long) i << 32) | began.round())) {
                    act(now, events.get(i).action());
                }
            }
        } else if (message instanceof Fire fire) {
            act(now, fire.followUp() != null ? fire.followUp() : events.get(fire.event()).action());
        } else {
            getContext().getLog().warn("scenario runner ignores {}", message);
        }
    }

    private void act(long now, ScenarioAction action) {
        if (targets == null) {
            targets = Objects.requireNonNull(targetsLater.get(), "the scenario's targets were never given");
        }
        if (action instanceof ScenarioAction.CrashClients crash) {
            tellClients(now, crash.clients(), targets.inputs().crash(crash.loseState()));
            record(now, "crash", crash.clients() + (crash.loseState() ? ", state lost" : ", state kept")
                    + (crash.recoverAfter() > 0 ? ", recover after " + crash.recoverAfter() / 1e9 + " s" : ""));
            if (crash.recoverAfter() > 0) {
                outbox.deliver(now + crash.recoverAfter(), getContext().getSelf(),
                        new Fire(-1, 0, new ScenarioAction.RecoverClients(crash.clients())));
            }
        } else if (action instanceof ScenarioAction.RemoveClients remove) {
            tellClients(now, remove.clients(), targets.inputs().crash(true));
            for (int id : remove.clients()) {
                recorder.tell(new RunEvent(now, round, "client-removed", "client-" + id,
                        "taken out of the run by the scenario (crash-stop, state lost)"));
            }
            record(now, "remove-clients", remove.clients().toString());
        } else if (action instanceof ScenarioAction.RecoverClients recover) {
            tellClients(now, recover.clients(), targets.inputs().recover());
            record(now, "recover", recover.clients().toString());
        } else if (action instanceof ScenarioAction.SlowDown slow) {
            tellClients(now, slow.clients(), targets.inputs().slowDown(slow.factor()));
            record(now, "slow-down", slow.clients() + " by " + slow.factor());
        } else if (action instanceof ScenarioAction.SetLinks set) {
            List<Object> changes = new ArrayList<>();
            if (set.bandwidthBytesPerSecond() > 0) {
                changes.add(new LinkActor.SetBandwidth(set.bandwidthBytesPerSecond()));
            }
            if (set.latencyNanos() >= 0) {
                changes.add(new LinkActor.SetLatency(set.latencyNanos()));
            }
            if (!Double.isNaN(set.loss())) {
                changes.add(new LinkActor.SetLoss(set.loss()));
            }
            for (ActorRef<Clock.Delivered> link : links(set.clients(), set.direction())) {
                changes.forEach(change -> outbox.deliver(now, link, change));
            }
            record(now, "set-link", set.clients() + " " + set.direction().name().toLowerCase()
                    + (set.bandwidthBytesPerSecond() > 0 ? ", bandwidth " + set.bandwidthBytesPerSecond() + " B/s" : "")
                    + (set.latencyNanos() >= 0 ? ", latency " + set.latencyNanos() / 1e6 + " ms" : "")
                    + (Double.isNaN(set.loss()) ? "" : ", loss " + set.loss()));
        } else if (action instanceof ScenarioAction.LinksDown down) {
            Object change = down.down() ? new LinkActor.Down() : new LinkActor.Up();
            links(down.clients(), down.direction()).forEach(link -> outbox.deliver(now, link, change));
            record(now, down.down() ? "link-down" : "link-up", down.clients() + " "
                    + down.direction().name().toLowerCase());
        } else if (action instanceof ScenarioAction.Partition partition) {
            Map<Long, Integer> groups = new TreeMap<>();
            for (int g = 0; g < partition.groups().size(); g++) {
                for (int id : partition.groups().get(g)) {
                    groups.put((long) id, g + 1);
                }
            }
            for (int id : targets.clients().keySet()) {
                groups.putIfAbsent((long) id, 0);
            }
            groups.put(ScenarioTargets.AGGREGATOR_NODE, 0);
            LinkActor.Partition message = new LinkActor.Partition(groups);
            targets.allLinks().forEach(link -> outbox.deliver(now, link, message));
            record(now, "partition", partition.groups().toString());
        } else if (action instanceof ScenarioAction.Heal) {
            targets.allLinks().forEach(link -> outbox.deliver(now, link, new LinkActor.Heal()));
            record(now, "heal", "every link joins again");
        } else if (action instanceof ScenarioAction.CrashAggregator crash) {
            if (targets.aggregator().get() != null) {
                outbox.deliver(now, targets.aggregator().get(), new AggregatorActor.Crash());
                if (crash.recoverAfter() > 0) {
                    outbox.deliver(now + crash.recoverAfter(), getContext().getSelf(),
                            new Fire(-1, 0, new ScenarioAction.RecoverAggregator()));
                }
            }
            record(now, "crash-aggregator", crash.recoverAfter() > 0 ? "recover after " + crash.recoverAfter() / 1e9
                    + " s" : "no recovery");
        } else if (action instanceof ScenarioAction.RecoverAggregator) {
            if (targets.aggregator().get() != null) {
                outbox.deliver(now, targets.aggregator().get(), new AggregatorActor.Recover());
            }
            record(now, "recover-aggregator", "from the last round checkpoint");
        }
    }

    private void tellClients(long now, List<Integer> clients, Object message) {
        for (int id : clients) {
            outbox.deliver(now, targets.clients().get(id), message);
        }
    }

    private List<ActorRef<Clock.Delivered>> links(List<Integer> clients, Direction direction) {
        List<ActorRef<Clock.Delivered>> out = new ArrayList<>();
        for (int id : clients) {
            if (direction != Direction.DOWN) {
                out.addAll(targets.uplinks().getOrDefault(id, List.of()));
            }
            if (direction != Direction.UP) {
                out.addAll(targets.downlinks().getOrDefault(id, List.of()));
            }
        }
        return out;
    }

    private void record(long now, String action, String detail) {
        recorder.tell(new RunEvent(now, round, "scenario-" + action, "scenario", detail));
    }
}
