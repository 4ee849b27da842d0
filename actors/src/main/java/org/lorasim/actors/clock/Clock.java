package org.lorasim.actors.clock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * The virtual clock of DESIGN.md ("Time: a virtual clock with eager work and lazy results"): it owns the
 * {@link EventQueue} and releases simulated time step by step.
 *
 * <p>A step at time {@code t} works in waves. The clock takes every queued event of {@code t} in
 * {@link EventKey} order, sends each participant one {@link Delivered} holding its messages of that wave
 * in order, and waits until every participant has answered with {@link Handled}, which carries the
 * events the handling scheduled. Events scheduled for {@code t} itself form the next wave; once a wave
 * leaves nothing due at {@code t}, time advances to the next queued time and observers get
 * {@link TimeAdvanced}. When the queue is empty and nothing is outstanding, everyone who asked to
 * {@link Run} gets {@link WentIdle}.
 *
 * <p>Eager work, lazy results: a {@link ScheduledEvent#completion completion} event is scheduled before
 * its result exists; the work starts at once elsewhere and reports {@link WorkCompleted}. Reaching a wave
 * with a missing result, the clock waits for it (handling messages, blocking no thread) and then delivers
 * the whole wave; it never reorders. Results may arrive in any wall-time order, even before the
 * completion event itself is scheduled.
 *
 * <p>In {@link ClockSettings.Mode#REALTIME realtime} mode the clock also waits, with a Pekko timer, until
 * {@code (t - t0) / speed} of wall time has passed since the {@link Run} that started at simulated time
 * {@code t0}; in virtual mode it moves on at once.
 *
 * <p>Nothing hangs: a real-time watchdog fails the run with {@link RunFailed} when a participant has not
 * acknowledged within {@code ack-timeout} or a result is missing for {@code work-timeout}. Errors (an
 * event in the past, a reused key, a stale acknowledgement, a second result for one work) fail the run
 * the same way, naming the participant and the times; a failed clock stops.
 *
 * <p>Events sent with {@link Schedule} while a run is going on join the queue whenever they arrive, so
 * a deterministic run schedules only before {@link Run} or from inside handlers (via {@link Handled}).
 */
public final class Clock extends AbstractBehavior<Clock.Command> {

    /** Everything the clock accepts. */
    public sealed interface Command extends LorasimMessage permits Schedule, Run, Handled, WorkCompleted, Subscribe, Unsubscribe,
            GetTime, WatchdogTicked, ReleaseDue, ObserverStopped, Pause, Resume, StepTime, SetSpeed, Inject, ArmRoundPause,
            RoundPause, Stop, Fail, RelayVia {
    }

    /** Events scheduled outside a delivery, e.g. a scenario's opening events before {@link Run}. */
    public record Schedule(List<ScheduledEvent> events) implements Command {
        public Schedule {
            events = List.copyOf(events);
        }
    }

    /** Start (or go on) releasing events; {@code replyTo} hears {@link WentIdle} or {@link RunFailed}. */
    public record Run(ActorRef<RunOutcome> replyTo) implements Command {
    }

    /** A participant handled delivery {@code deliveryId} and scheduled {@code scheduled} meanwhile. */
    public record Handled(long deliveryId, List<ScheduledEvent> scheduled) implements Command {
        public Handled {
            scheduled = List.copyOf(scheduled);
        }
    }

    /** The eager work behind the completion event {@code key} finished with {@code result}. */
    public record WorkCompleted(EventKey key, Object result) implements Command {
        public WorkCompleted {
            if (key == null || result == null) {
                throw new IllegalArgumentException("WorkCompleted needs a key and a result, got " + key + ", " + result);
            }
        }
    }

    public record Subscribe(ActorRef<TimeAdvanced> observer) implements Command {
    }

    public record Unsubscribe(ActorRef<TimeAdvanced> observer) implements Command {
    }

    public record GetTime(ActorRef<CurrentTime> replyTo) implements Command {
    }

    /**
     * Stop advancing simulated time: the waves of the current time still finish, the next time is not
     * released until {@link Resume} or {@link StepTime}. Results never depend on pauses.
     */
    public record Pause() implements Command {
    }

    /** Release time again after {@link Pause}; realtime mode measures its wall time from here on. */
    public record Resume() implements Command {
    }

    /**
     * Resume, and pause again at the next {@link RoundPause} (a round boundary, told by the scenario runner); a
     * {@link Pause} or {@link Resume} before it disarms it, so a person's resume is never undone by a late boundary.
     * One command, not a {@link Resume} followed by an arm: between those two, a round boundary could pass unarmed.
     */
    public record ArmRoundPause(ActorRef<RoundPaused> replyTo) implements Command {
    }

    /** The armed round pause took effect: simulated time stands at {@code time}, a round's start. */
    public record RoundPaused(long time) implements LorasimMessage {
    }

    /** A round begins now: pause here if {@link ArmRoundPause armed}, before this time's next wave. */
    public record RoundPause() implements Command {
    }

    /**
     * End the run now, for {@code reason} (a person at a dashboard starts something else): nothing more is
     * released, the run's requesters hear {@link Stopped} and the clock stops. Sent before {@link Run}, it
     * answers the {@code Run} with {@link Stopped}.
     */
    public record Stop(String reason) implements Command {
    }

    /**
     * Fail the run now, for {@code reason} (something outside the clock found the run cannot go on, e.g. a message
     * that could not be sent): the run's requesters hear {@link RunFailed} and the clock stops, as after its own
     * watchdog. Sent before {@link Run}, it answers the {@code Run} with {@link RunFailed}.
     */
    public record Fail(String reason) implements Command {
    }

    /** While paused: release the next simulated time (all its waves), then stay paused. */
    public record StepTime() implements Command {
    }

    /** A new realtime {@code speed} (simulated seconds per wall second), measured from now on; finite, {@code > 0}. */
    public record SetSpeed(double speed) implements Command {
    }

    /**
     * Deliver {@code message} to {@code target} at the earliest time nothing has been released for yet: the
     * current simulated time plus one nanosecond, keyed {@code (time, senderId, n)} with {@code n} counting
     * the injections of this clock. {@code replyTo} hears {@link Injected} with that time. This is how a
     * person acts on a running simulation (the dashboard); a script with the same action at the same time
     * replays it exactly when {@code senderId} sorts before the script's sender.
     */
    public record Inject(ActorRef<Delivered> target, Object message, long senderId, ActorRef<Injected> replyTo)
            implements Command {
    }

    /** An {@link Inject}ed message will be delivered at simulated {@code time}. */
    public record Injected(long time) implements LorasimMessage {
    }

    /** To a participant: its messages of one wave at {@code time}, in key order; answer with {@link Handled}. */
    public record Delivered(long time, long deliveryId, List<Object> messages, ActorRef<Command> replyTo)
            implements LorasimMessage {
        public Delivered {
            messages = List.copyOf(messages);
        }
    }

    /**
     * From now on, deliver to each of {@code targets} through {@code relay}: per wave, the clock sends {@code relay}
     * one {@link RelayedWave} holding every delivery of that wave to the targets it relays, instead of one
     * {@link Delivered} to each. Each delivery is still answered with its own {@link Handled}, and delivery ids,
     * messages and their order are those of direct delivery, so no result changes; only the number of messages
     * that carry them does (the cluster runtime batches a node's deliveries this way). A target registered
     * again moves to the new relay. A delivery of a wave taken before this arrives goes directly.
     */
    public record RelayVia(List<ActorRef<Delivered>> targets, ActorRef<RelayedWave> relay) implements Command {
        public RelayVia {
            targets = List.copyOf(targets);
        }
    }

    /**
     * To a relay ({@link RelayVia}): one wave's deliveries to the targets it relays, in delivery-id order;
     * {@code deliveries.get(i)} is for {@code targets.get(i)}.
     */
    public record RelayedWave(List<ActorRef<Delivered>> targets, List<Delivered> deliveries) implements LorasimMessage {
        public RelayedWave {
            targets = List.copyOf(targets);
            deliveries = List.copyOf(deliveries);
            if (targets.size() != deliveries.size()) {
                throw new IllegalArgumentException(targets.size() + " targets for " + deliveries.size() + " deliveries");
            }
        }
    }

    /** To observers: simulated time moved to {@code time}. */
    public record TimeAdvanced(long time) implements LorasimMessage {
    }

    /** The clock's state, for {@link GetTime}. */
    public record CurrentTime(long time, boolean running, int unacknowledged, int awaitedResults)
            implements LorasimMessage {
    }

    /** How a {@link Run} ended. */
    public sealed interface RunOutcome extends LorasimMessage permits WentIdle, RunFailed, Stopped {
    }

    /** Nothing left to do at {@code time}; {@code delivered} events were delivered since the clock started. */
    public record WentIdle(long time, long delivered) implements RunOutcome {
    }

    /** The run cannot go on; {@code reason} names the participant or event and the times. */
    public record RunFailed(long time, String reason) implements RunOutcome {
    }

    /** The run was ended by {@link Stop} at simulated {@code time}, for {@code reason}. */
    public record Stopped(long time, String reason) implements RunOutcome {
    }

    private record WatchdogTicked() implements Command, NoSerializationVerificationNeeded {
    }

    private record ReleaseDue() implements Command, NoSerializationVerificationNeeded {
    }

    private record ObserverStopped(ActorRef<TimeAdvanced> observer) implements Command, NoSerializationVerificationNeeded {
    }

    private static final String WATCHDOG = "watchdog";
    private static final String RELEASE = "release";
    private static final long LONGEST_TIMER_NANOS = Duration.ofDays(1).toNanos();

    private final ClockSettings settings;
    private final LongSupplier wallNanos;
    private final TimerScheduler<Command> timers;
    private final EventQueue<ScheduledEvent> queue = new EventQueue<>();
    private final Wave wave = new Wave();
    private final List<ActorRef<RunOutcome>> requesters = new ArrayList<>();
    private final Set<ActorRef<TimeAdvanced>> observers = new LinkedHashSet<>();
    private final Map<ActorRef<Delivered>, ActorRef<RelayedWave>> relays = new HashMap<>();
    private long waitingSinceWall;
    private boolean running;
    private boolean releasePending;
    private long anchorSim;
    private long anchorWall;
    private String failure;
    private String stopped;
    private double speed;
    private boolean paused;
    private int stepsLeft;
    private boolean roundPauseArmed;
    private ActorRef<RoundPaused> roundPauseReply;
    private long injected;

    public static Behavior<Command> create(ClockSettings settings) {
        return create(settings, System::nanoTime);
    }

    /** A clock reading wall time from {@code wallNanos} (tests pair a manual one with Pekko's ManualTime). */
    public static Behavior<Command> create(ClockSettings settings, LongSupplier wallNanos) {
        return Behaviors.setup(context -> Behaviors.withTimers(
                timers -> new Clock(context, timers, settings, wallNanos)));
    }

    private Clock(ActorContext<Command> context, TimerScheduler<Command> timers, ClockSettings settings,
                  LongSupplier wallNanos) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.wallNanos = wallNanos;
        this.speed = settings.speed();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Handled.class, this::onHandled)
                .onMessage(WorkCompleted.class, this::onWorkCompleted)
                .onMessage(Schedule.class, this::onSchedule)
                .onMessage(Run.class, this::onRun)
                .onMessage(ReleaseDue.class, this::onReleaseDue)
                .onMessage(WatchdogTicked.class, this::onWatchdogTicked)
                .onMessage(GetTime.class, this::onGetTime)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, this::onUnsubscribe)
                .onMessage(ObserverStopped.class, this::onObserverStopped)
                .onMessage(Stop.class, s -> stop(s.reason()))
                .onMessage(Fail.class, f -> fail(f.reason()))
                .onMessage(Pause.class, p -> {
                    paused = true;
                    stepsLeft = 0;
                    roundPauseArmed = false;
                    return this;
                })
                .onMessage(Resume.class, r -> {
                    paused = false;
                    stepsLeft = 0;
                    roundPauseArmed = false;
                    return reanchor();
                })
                .onMessage(ArmRoundPause.class, a -> {
                    paused = false;
                    stepsLeft = 0;
                    roundPauseArmed = true;
                    roundPauseReply = a.replyTo();
                    return reanchor();
                })
                .onMessage(RoundPause.class, r -> {
                    if (roundPauseArmed) {
                        roundPauseArmed = false;
                        paused = true;
                        stepsLeft = 0;
                        roundPauseReply.tell(new RoundPaused(queue.now()));
                    }
                    return this;
                })
                .onMessage(StepTime.class, st -> {
                    if (paused) {
                        stepsLeft++;
                    }
                    return reanchor();
                })
                .onMessage(SetSpeed.class, this::onSetSpeed)
                .onMessage(Inject.class, this::onInject)
                .onMessage(RelayVia.class, via -> {
                    via.targets().forEach(target -> relays.put(target, via.relay()));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onHandled(Handled handled) {
        ActorRef<Delivered> participant;
        try {
            participant = wave.acknowledge(handled.deliveryId());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage() + " at " + settings.format(queue.now()));
        }
        try {
            queue.addAll(handled.scheduled());
        } catch (IllegalArgumentException e) {
            return fail(participant.path() + " scheduled an invalid event while handling delivery "
                    + handled.deliveryId() + ": " + e.getMessage());
        }
        return wave.busy() ? this : proceed();
    }

    private Behavior<Command> onWorkCompleted(WorkCompleted completed) {
        boolean waveComplete;
        try {
            waveComplete = wave.resultArrived(completed.key(), completed.result());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (waveComplete) {
            deliverWave();
        }
        return this;
    }

    private Behavior<Command> onSchedule(Schedule schedule) {
        try {
            queue.addAll(schedule.events());
        } catch (IllegalArgumentException e) {
            return fail("Schedule rejected: " + e.getMessage());
        }
        if (releasePending) {
            timers.cancel(RELEASE);
            releasePending = false;
        }
        return proceed();
    }

    private Behavior<Command> onRun(Run run) {
        requesters.add(run.replyTo());
        if (stopped != null) {
            return stop(stopped);
        }
        if (failure != null) {
            return fail(failure);
        }
        if (!running) {
            running = true;
            anchorSim = queue.now();
            anchorWall = wallNanos.getAsLong();
            timers.startTimerWithFixedDelay(WATCHDOG, new WatchdogTicked(), settings.watchdogPeriod());
        }
        return proceed();
    }

    private Behavior<Command> onSetSpeed(SetSpeed set) {
        if (!(set.speed() > 0) || !Double.isFinite(set.speed())) {
            getContext().getLog().warn("clock ignores speed {}: it must be finite and > 0", set.speed());
            return this;
        }
        speed = set.speed();
        return reanchor();
    }

    private Behavior<Command> onInject(Inject inject) {
        long time = queue.now() + 1;
        try {
            queue.add(ScheduledEvent.delivery(new EventKey(time, inject.senderId(), injected), inject.target(),
                    inject.message()));
        } catch (IllegalArgumentException e) {
            return fail("Inject rejected: " + e.getMessage());
        }
        injected++;
        inject.replyTo().tell(new Injected(time));
        return reanchor();
    }

    /** Realtime mode measures wall time from now, so a pause or a new speed never makes the clock rush. */
    private Behavior<Command> reanchor() {
        anchorSim = queue.now();
        anchorWall = wallNanos.getAsLong();
        if (releasePending) {
            timers.cancel(RELEASE);
            releasePending = false;
        }
        return proceed();
    }

    private Behavior<Command> onReleaseDue(ReleaseDue due) {
        releasePending = false;
        return proceed();
    }

    private Behavior<Command> onWatchdogTicked(WatchdogTicked tick) {
        long waited = wallNanos.getAsLong() - waitingSinceWall;
        if (wave.unacknowledged() > 0 && waited >= settings.ackTimeout().toNanos()) {
            return fail(wave.unacknowledged() + " participant(s) did not acknowledge their delivery at "
                    + settings.format(queue.now()) + " within the ack-timeout of " + settings.ackTimeout()
                    + ": " + wave.silentParticipants());
        }
        if (wave.awaitedResults() > 0 && waited >= settings.workTimeout().toNanos()) {
            return fail("no result at " + settings.format(queue.now()) + " for the completion event(s) "
                    + wave.awaitedKeys() + " within the work-timeout of " + settings.workTimeout());
        }
        return this;
    }

    private Behavior<Command> onGetTime(GetTime get) {
        get.replyTo().tell(new CurrentTime(queue.now(), running, wave.unacknowledged(), wave.awaitedResults()));
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (observers.add(subscribe.observer())) {
            getContext().watchWith(subscribe.observer(), new ObserverStopped(subscribe.observer()));
        }
        return this;
    }

    private Behavior<Command> onUnsubscribe(Unsubscribe unsubscribe) {
        if (observers.remove(unsubscribe.observer())) {
            getContext().unwatch(unsubscribe.observer());
        }
        return this;
    }

    private Behavior<Command> onObserverStopped(ObserverStopped stopped) {
        observers.remove(stopped.observer());
        return this;
    }

    /** Releases waves and advances time until something is outstanding, a realtime wait begins, or idle. */
    private Behavior<Command> proceed() {
        while (running && !wave.busy() && !releasePending) {
            if (queue.hasDueNow()) {
                boolean ready;
                try {
                    ready = wave.take(queue);
                } catch (IllegalArgumentException e) {
                    return fail(e.getMessage());
                }
                if (ready) {
                    deliverWave();
                } else {
                    waitingSinceWall = wallNanos.getAsLong();
                }
            } else if (queue.isEmpty()) {
                return wentIdle();
            } else if (paused && stepsLeft == 0) {
                return this;
            } else if (!releaseReached(queue.nextTime())) {
                return this;
            } else {
                if (paused) {
                    stepsLeft--;
                }
                TimeAdvanced advanced = new TimeAdvanced(queue.advance());
                for (ActorRef<TimeAdvanced> observer : observers) {
                    observer.tell(advanced);
                }
            }
        }
        return this;
    }

    /** In realtime mode, whether {@code time} may be released now; if not, a timer will ask again. */
    private boolean releaseReached(long time) {
        if (settings.mode() != ClockSettings.Mode.REALTIME) {
            return true;
        }
        double offset = Math.min((time - anchorSim) / speed, 0x1p62);
        long wait = anchorWall + (long) offset - wallNanos.getAsLong();
        if (wait <= 0) {
            return true;
        }
        releasePending = true;
        timers.startSingleTimer(RELEASE, new ReleaseDue(), Duration.ofNanos(Math.min(wait, LONGEST_TIMER_NANOS)));
        return false;
    }

    private void deliverWave() {
        wave.deliver(queue.now(), getContext().getSelf(), relays);
        waitingSinceWall = wallNanos.getAsLong();
    }

    private Behavior<Command> wentIdle() {
        running = false;
        timers.cancelAll();
        if (!wave.unclaimedResults().isEmpty()) {
            getContext().getLog().warn("idle at {} with {} result(s) that no completion event claimed: {}",
                    settings.format(queue.now()), wave.unclaimedResults().size(), wave.unclaimedResults());
        }
        WentIdle idle = new WentIdle(queue.now(), wave.delivered());
        requesters.forEach(requester -> requester.tell(idle));
        requesters.clear();
        return this;
    }

    private Behavior<Command> stop(String reason) {
        stopped = reason;
        if (requesters.isEmpty()) {
            return this;
        }
        Stopped end = new Stopped(queue.now(), reason);
        requesters.forEach(requester -> requester.tell(end));
        requesters.clear();
        timers.cancelAll();
        return Behaviors.stopped();
    }

    private Behavior<Command> fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        if (requesters.isEmpty()) {
            getContext().getLog().error("clock failed before a Run, will report it to the next one: {}", reason);
            return this;
        }
        getContext().getLog().error("run failed at {}: {}", settings.format(queue.now()), failure);
        RunFailed failed = new RunFailed(queue.now(), failure);
        requesters.forEach(requester -> requester.tell(failed));
        timers.cancelAll();
        return Behaviors.stopped();
    }
}
