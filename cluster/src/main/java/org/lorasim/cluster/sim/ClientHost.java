package org.lorasim.cluster.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.run.ClientFactories;
import org.lorasim.actors.run.ClientFactory;
import org.lorasim.actors.run.RunSettings;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlots;

/**
 * A {@code clients} node's part of every run, found by the coordinator through the Receptionist under
 * {@link #KEY}. On {@link Prepare} it builds the run's {@link ClientFactory} from the scenario text (reading
 * the data set's shards, for a trained run with the trainer slots of the {@link TrainerHost}s through a
 * {@link TrainerRouter}, this node's own when it has one, else another), starts the run's shard region for
 * {@link ClientEntity} entities, and answers {@link Prepared}, with the reason when it could not.
 */
public final class ClientHost {

    public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "lorasim-client-hosts");

    /** How long a trained run's preparation looks for a trainer node before it fails. */
    static final Duration TRAINER_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofMillis(200);

    public sealed interface Command extends LorasimMessage permits Prepare, TrainersListed, FindAgain {
    }

    /**
     * Prepare run {@code runId}'s clients from {@code scenario} (see {@link ScenarioText}); trainer slots report
     * to {@code clock}, each entity tells {@code hosted} where it started, the node's {@link TrainerRouter} tells
     * {@code moved} which trainings it moved off a lost trainer node (all three the coordinator's relay).
     */
    public record Prepare(String runId, String scenario, ActorRef<Clock.Command> clock, ActorRef<Object> recorder,
                          ActorRef<ClientEntity.Hosted> hosted, ActorRef<TrainerRouter.TrainingsMoved> moved,
                          ActorRef<Prepared> replyTo) implements Command {
        public Prepare {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(recorder, "recorder");
            Objects.requireNonNull(hosted, "hosted");
            Objects.requireNonNull(moved, "moved");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Node {@code node} is ready for run {@code runId}, its deliveries to go to {@code relay}, or not, for
     * {@code failure} (null when ready; {@code relay} is null when not).
     */
    public record Prepared(String runId, String node, String failure, ActorRef<WaveRelay.Command> relay)
            implements LorasimMessage {
    }

    private record TrainersListed(Prepare prepare, Receptionist.Listing listing, int attempt)
            implements Command, NoSerializationVerificationNeeded {
    }

    private record FindAgain(Prepare prepare, int attempt) implements Command, NoSerializationVerificationNeeded {
    }

    private ClientHost() {
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(context -> {
            context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
            return Behaviors.withTimers(timers -> Behaviors.receive(Command.class)
                    .onMessage(Prepare.class, prepare -> {
                        onPrepare(context, prepare);
                        return Behaviors.same();
                    })
                    .onMessage(TrainersListed.class, listed -> {
                        Optional<ActorRef<TrainerSlots.Command>> slots = listed.listing() == null ? Optional.empty()
                                : TrainerRouter.pick(listed.listing().getServiceInstances(TrainerHost.KEY));
                        if (slots.isPresent()) {
                            build(context, listed.prepare(), slots.get());
                        } else if (listed.attempt() * RETRY.toMillis() >= TRAINER_WAIT.toMillis()) {
                            fail(context, listed.prepare(), "no trainer node (role trainer) in the cluster after "
                                    + TRAINER_WAIT.toSeconds() + " s; a trained run needs one");
                        } else {
                            timers.startSingleTimer(new FindAgain(listed.prepare(), listed.attempt() + 1), RETRY);
                        }
                        return Behaviors.same();
                    })
                    .onMessage(FindAgain.class, again -> {
                        find(context, again.prepare(), again.attempt());
                        return Behaviors.same();
                    })
                    .build());
        });
    }

    private static void onPrepare(ActorContext<Command> context, Prepare prepare) {
        RunSettings settings;
        try {
            settings = RunSettings.from(ScenarioText.parse(prepare.scenario(), context.getSystem().settings().config()));
        } catch (RuntimeException e) {
            fail(context, prepare, e.getMessage());
            return;
        }
        if (settings.synthetic()) {
            build(context, prepare, null);
        } else {
            find(context, prepare, 0);
        }
    }

    private static void find(ActorContext<Command> context, Prepare prepare, int attempt) {
        context.ask(Receptionist.Listing.class, context.getSystem().receptionist(), Duration.ofSeconds(5),
                replyTo -> Receptionist.find(TrainerHost.KEY, replyTo),
                (listing, failure) -> new TrainersListed(prepare, listing, attempt));
    }

    private static void build(ActorContext<Command> context, Prepare prepare, ActorRef<TrainerSlots.Command> slots) {
        try {
            RunSettings settings = RunSettings.from(ScenarioText.parse(prepare.scenario(),
                    context.getSystem().settings().config()));
            ActorRef<TrainerSlots.Command> router = slots == null ? null
                    : context.spawn(TrainerRouter.create(slots, prepare.moved()), "trainer-router-" + prepare.runId())
                    .narrow();
            ClientFactory factory = ClientFactories.forNode(settings, context.getSystem(), router, prepare.clock());
            ActorRef<Object> relay = context.spawn(WaveRelay.create(), "wave-relay-" + prepare.runId());
            ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region = ClusterSharding.get(context.getSystem())
                    .init(Entity.of(RunShards.typeKey(prepare.runId()),
                            entity -> ClientEntity.create(factory, Integer.parseInt(entity.getEntityId()),
                                    prepare.recorder(), prepare.hosted(), relay.narrow()))
                    .withRole(Roles.CLIENTS)
                    .withSettings(RunShards.settings(context.getSystem()))
                    .withAllocationStrategy(new NoRebalance()));
            relay.tell(new WaveRelay.UseRegion(region));
            prepare.replyTo().tell(new Prepared(prepare.runId(), node(context), null, relay.narrow()));
        } catch (RuntimeException e) {
            fail(context, prepare, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void fail(ActorContext<Command> context, Prepare prepare, String reason) {
        context.getLog().error("cannot prepare run {}: {}", prepare.runId(), reason);
        prepare.replyTo().tell(new Prepared(prepare.runId(), node(context), reason, null));
    }

    private static String node(ActorContext<?> context) {
        return org.apache.pekko.cluster.typed.Cluster.get(context.getSystem()).selfMember().address().toString();
    }
}
