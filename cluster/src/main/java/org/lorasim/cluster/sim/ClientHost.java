package org.lorasim.cluster.sim;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityContext;
import org.lorasim.actors.client.TrainingJournal;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.run.ClientFactories;
import org.lorasim.actors.run.ClientFactory;
import org.lorasim.actors.run.GossipClientFactory;
import org.lorasim.actors.run.RunSettings;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.policies.adapter.Adapter;

/**
 * A {@code clients} node's part of every run, found by the coordinator through the Receptionist under
 * {@link #KEY}. On {@link Prepare} it builds the run's {@link ClientFactory} from the scenario text (reading
 * the data set's shards, for a trained run with the trainer slots of the {@link TrainerHost}s through a
 * {@link TrainerRouter}, this node's own when it has one, else another), or for a decentralized run its
 * {@link GossipClientFactory}, starts the run's shard region for {@link ClientEntity} (or {@link GossipEntity})
 * entities, and answers {@link Prepared}, with the reason when it could not. A submitted centralized trained run
 * journals its training outcomes on this node ({@link RunJournals}), so that an attempt started again after the
 * coordinator node was lost does not train again what was trained (a gossip run's replay trains again).
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
     * {@code moved} which trainings it moved off a lost trainer node (all three the coordinator's relay). A
     * decentralized run's gossip nodes all start from {@code initial} (null for any other run).
     */
    public record Prepare(String runId, String scenario, ActorRef<Clock.Command> clock, ActorRef<Object> recorder,
                          ActorRef<ClientEntity.Hosted> hosted, ActorRef<TrainerRouter.TrainingsMoved> moved,
                          ActorRef<Prepared> replyTo, Adapter initial) implements Command {
        public Prepare {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(recorder, "recorder");
            Objects.requireNonNull(hosted, "hosted");
            Objects.requireNonNull(moved, "moved");
            Objects.requireNonNull(replyTo, "replyTo");
        }

        public Prepare(String runId, String scenario, ActorRef<Clock.Command> clock, ActorRef<Object> recorder,
                       ActorRef<ClientEntity.Hosted> hosted, ActorRef<TrainerRouter.TrainingsMoved> moved,
                       ActorRef<Prepared> replyTo) {
            this(runId, scenario, clock, recorder, hosted, moved, replyTo, null);
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
                        Optional<ActorRef<TrainerInbox.Command>> slots = listed.listing() == null ? Optional.empty()
                                : TrainerRouter.pick(listed.listing().getServiceInstances(TrainerInbox.KEY));
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
                replyTo -> Receptionist.find(TrainerInbox.KEY, replyTo),
                (listing, failure) -> new TrainersListed(prepare, listing, attempt));
    }

    private static void build(ActorContext<Command> context, Prepare prepare, ActorRef<TrainerInbox.Command> slots) {
        try {
            Config scenario = ScenarioText.parse(prepare.scenario(), context.getSystem().settings().config());
            RunSettings settings = RunSettings.from(scenario);
            ActorRef<TrainerSlots.Command> router = slots == null ? null
                    : context.spawn(TrainerRouter.create(slots, prepare.moved()), "trainer-router-" + prepare.runId())
                    .narrow();
            Function<EntityContext<ClientEntity.Deliver>, Behavior<ClientEntity.Deliver>> entities;
            ActorRef<Object> relay = context.spawn(WaveRelay.create(prepare.clock(), prepare.recorder()),
                    "wave-relay-" + prepare.runId());
            boolean decentralized = settings.variant().equals("decentralized");
            String submission = RunJournals.submission(scenario);
            TrainingJournal journal = slots == null || submission.isEmpty() || decentralized ? null
                    : RunJournals.open(context.getSystem(), submission);
            ActorRef<Clock.Command> outcomes = slots == null ? prepare.clock()
                    : context.spawn(OutcomeSender.create(prepare.clock()), "outcome-sender-" + prepare.runId());
            ActorRef<Clock.Command> reports = journal == null ? outcomes
                    : context.spawn(journal.clockProxy(outcomes), "training-journal-" + prepare.runId());
            if (decentralized) {
                if (prepare.initial() == null) {
                    throw new IllegalArgumentException("a decentralized run's preparation carries no initial adapter");
                }
                GossipStandIns standIns = new GossipStandIns(context.getSystem(), prepare.clock());
                GossipClientFactory factory = ClientFactories.gossipForNode(settings, router, outcomes,
                        prepare.initial(), relay, standIns.scenarioRunner(context));
                entities = entity -> {
                    int id = Integer.parseInt(entity.getEntityId());
                    return GossipEntity.create(factory, id, c -> standIns.nodes(c, factory.neighbours(id)),
                            prepare.hosted(), relay.narrow());
                };
            } else {
                ClientFactory factory = ClientFactories.forNode(settings, context.getSystem(), router, reports, journal);
                entities = entity -> ClientEntity.create(factory, Integer.parseInt(entity.getEntityId()),
                        relay, prepare.hosted(), relay.narrow());
            }
            ActorRef<ShardingEnvelope<ClientEntity.Deliver>> region = ClusterSharding.get(context.getSystem())
                    .init(Entity.of(RunShards.typeKey(prepare.runId()), entities::apply)
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
