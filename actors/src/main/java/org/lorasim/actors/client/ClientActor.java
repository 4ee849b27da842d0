package org.lorasim.actors.client;

import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockParticipant;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlot;
import org.lorasim.policies.Checks;
import org.lorasim.policies.centralized.ClientInstruction;
import org.lorasim.training.data.Example;

/**
 * A client of a centralized or pipeline run (DESIGN.md, "ClientActor"), a clock participant: it holds its
 * data shard, its device profile and its id, never the base model. On an {@link AggregatorActor.Instruct}
 * it starts its local training at once through its {@link LocalTraining} (a trainer slot, or the FAKE cost
 * model of a system-only run), whose outcome comes back at the simulated completion time; it then sends
 * {@link AggregatorActor.Submit} (or {@link AggregatorActor.Fail} when the training failed) to the aggregator
 * over its uplink, a {@link LinkActor}, sized by its real Kryo bytes (or, for a system-only run, by the
 * adapter size it stands for).
 *
 * <p>Choices. (1) A device trains one thing at a time: an instruction that arrives while it trains waits,
 * and a newer instruction replaces a waiting one (the older round is given up). (2) Crash-stop
 * ({@link Crash}): the client answers nothing until {@link Recover}; the training in flight finishes on the
 * clock (eager work cannot be recalled) but its outcome is dropped, and waiting instructions are
 * forgotten. The aggregator is not told: it sees a straggler at its deadline. A centralized client keeps no
 * state between rounds (it starts every round from the adapter it is sent), so {@code loseState} changes
 * nothing here but the recorded event; it matters for gossip nodes, which keep their own adapter. (3) {@link SlowDown} divides the device's compute speed
 * by its factor for trainings started afterwards. Every crash, recovery and slowdown is a {@link RunEvent}.
 */
public final class ClientActor extends ClockParticipant {

    /** Scenario inputs, always inside a {@link Clock.Delivered}. */
    public sealed interface Input extends LorasimMessage permits Crash, Recover, SlowDown {
    }

    /** Crash-stop now; {@code loseState}: local state is lost too. */
    public record Crash(boolean loseState) implements Input {
    }

    public record Recover() implements Input {
    }

    /** From now on the device computes {@code factor} times slower ({@code factor >= 1}; 1 restores it). */
    public record SlowDown(double factor) implements Input {
        public SlowDown {
            Checks.require(factor > 0 && Double.isFinite(factor), "slow-down factor must be finite and > 0, got "
                    + factor);
        }
    }

    /**
     * What a client is made of.
     *
     * @param uploadOverheadBytes a system-only upload's wire bytes beyond its adapter's
     *                            {@link org.lorasim.policies.adapter.Adapter#byteSize()} (an upload is charged this
     *                            plus the byte size of the adapter the client was told to start from, so a client
     *                            of a lower rank sends less), or {@link LinkActor#MEASURE} for the Kryo size of the
     *                            real upload
     */
    public record Setup(int clientId, DeviceProfile profile, List<Example> shard, int numExamples,
                        LocalTraining training, ActorRef<Clock.Delivered> uplink, long uploadOverheadBytes, long senderId,
                        ActorRef<RunEvent> events) {
        public Setup {
            Objects.requireNonNull(profile, "profile");
            shard = List.copyOf(shard);
            Checks.positive("number of examples of client " + clientId, numExamples);
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(uplink, "uplink");
            Objects.requireNonNull(events, "events");
        }
    }

    private final Setup setup;
    private boolean alive = true;
    private double slowdown = 1;
    private int lives;
    private Job running;
    private AggregatorActor.Instruct waiting;

    private record Job(int round, ActorRef<Clock.Delivered> aggregator, int life, long uploadBytes) {
    }

    public static Behavior<Clock.Delivered> create(Setup setup) {
        Objects.requireNonNull(setup, "setup");
        return Behaviors.setup(context -> new ClientActor(context, setup));
    }

    private ClientActor(ActorContext<Clock.Delivered> context, Setup setup) {
        super(context, new EventOutbox(setup.senderId()));
        this.setup = setup;
    }

    @Override
    protected void handle(long now, Object message) {
        if (message instanceof AggregatorActor.Instruct instruct) {
            onInstruct(now, instruct);
        } else if (message instanceof TrainerSlot.Trained trained) {
            finish(now, job -> new AggregatorActor.Submit(setup.clientId(), job.round(), trained.adapter(), null,
                    setup.numExamples(), trained.meanLoss()));
        } else if (message instanceof SyntheticTrained trained) {
            finish(now, job -> new AggregatorActor.Submit(setup.clientId(), job.round(), null, trained.update(),
                    setup.numExamples(), trained.meanLoss()));
        } else if (message instanceof TrainerSlot.TrainingFailed failed) {
            event(now, "training-failed", failed.reason());
            finish(now, job -> new AggregatorActor.Fail(setup.clientId(), job.round(), failed.reason()));
        } else if (message instanceof Crash crash) {
            crash(now, crash.loseState());
        } else if (message instanceof Recover) {
            recover(now);
        } else if (message instanceof SlowDown slow) {
            slowdown = slow.factor();
            event(now, "client-slowed", "compute " + slow.factor() + "x slower");
        } else {
            getContext().getLog().warn("client {} ignores {}", setup.clientId(), message);
        }
    }

    private void onInstruct(long now, AggregatorActor.Instruct instruct) {
        if (!alive) {
            return;
        }
        if (running != null) {
            waiting = instruct;
            return;
        }
        ClientInstruction i = instruct.instruction();
        TrainingJob job = new TrainingJob(setup.clientId(), instruct.round(), i.startAdapter(), i.proximalMu(),
                i.anchor(), i.localSteps(), i.basePrecision(), setup.shard(), setup.numExamples(),
                setup.profile().flops() / slowdown);
        running = new Job(instruct.round(), instruct.aggregator(), lives,
                setup.uploadOverheadBytes() == LinkActor.MEASURE ? LinkActor.MEASURE
                        : setup.uploadOverheadBytes() + i.startAdapter().byteSize());
        setup.training().start(job, now, outbox, getContext().getSelf());
    }

    private interface Answer {
        Object make(Job job);
    }

    private void finish(long now, Answer answer) {
        Job job = running;
        running = null;
        if (job == null) {
            getContext().getLog().warn("client {} got a training outcome it did not ask for", setup.clientId());
            return;
        }
        if (alive && job.life() == lives) {
            Object reply = answer.make(job);
            outbox.deliver(now, setup.uplink(), new LinkActor.Send(reply, job.uploadBytes(), job.aggregator()));
        }
        if (alive && waiting != null) {
            AggregatorActor.Instruct next = waiting;
            waiting = null;
            onInstruct(now, next);
        }
    }

    private void crash(long now, boolean loseState) {
        if (!alive) {
            return;
        }
        alive = false;
        lives++;
        waiting = null;
        event(now, "client-crashed", loseState ? "crash-stop, local state lost" : "crash-stop, local state kept");
    }

    private void recover(long now) {
        if (alive) {
            return;
        }
        alive = true;
        event(now, "client-recovered", "takes part again from the next instruction");
    }

    private void event(long now, String kind, String detail) {
        setup.events().tell(new RunEvent(now, running == null ? -1 : running.round(), kind, "client-" + setup.clientId(),
                detail));
    }
}
