package org.lorasim.cluster.sim;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.cluster.node.DeliverySettings;

/**
 * A {@code clients} node's last hop for the outcomes of its run's trainings on their way to the coordinator's
 * {@link ClientRelay} (the explicit acknowledgements of docs/cluster.md, "Payloads without loss"): each
 * {@link Clock.WorkCompleted} goes as a {@link ClientRelay.Outcome} and is kept until the relay answers
 * {@link ClientRelay.OutcomeReceived}, sent again every {@code retransmit-after} meanwhile; the relay passes an outcome
 * to the clock once however often it comes, and answers every copy. After {@code max-retransmissions} tries without an
 * answer the run fails (told to the relay, which may be out of reach then too; the clock's {@code work-timeout} is
 * the last resort). Any other clock command passes on as it is. It stops when the relay does (the run ended, or its
 * coordinator node was lost).
 */
final class OutcomeSender {

    private record Tick() implements NoSerializationVerificationNeeded {
    }

    private OutcomeSender() {
    }

    /** The stand-in for {@code relay} (the coordinator's relay, the run's clock on this node). */
    static Behavior<Clock.Command> create(ActorRef<Clock.Command> relay) {
        return Behaviors.<Object>setup(context -> Behaviors.withTimers(timers -> {
            DeliverySettings delivery = DeliverySettings.from(context.getSystem().settings().config());
            timers.startTimerWithFixedDelay(new Tick(), ClientRelay.tickPeriod(delivery));
            DeliveryCounters counters = DeliveryCounters.of(context.getSystem());
            Resends<EventKey> resends = new Resends<>(delivery, counters.retransmissions::increment);
            ActorRef<Object> toRelay = relay.unsafeUpcast();
            ActorRef<ClientRelay.OutcomeReceived> self = context.getSelf().narrow();
            String coordinator = relay.path().address().toString();
            context.watch(relay);
            String[] failure = {null};
            int[] told = {0};
            return Behaviors.receive(Object.class)
                    .onMessage(Clock.WorkCompleted.class, completed -> {
                        ClientRelay.Outcome outcome = new ClientRelay.Outcome(completed, self);
                        resends.sent(completed.key(), "the outcome of the training behind completion key "
                                + completed.key() + " (" + ClientRelay.Outcome.class.getName() + ")", coordinator, held -> {
                            context.getLog().warn("the outcome for {} is not acknowledged by the coordinator: sending"
                                    + " it again", completed.key());
                            toRelay.tell(outcome);
                        }, System.nanoTime());
                        toRelay.tell(outcome);
                        return Behaviors.same();
                    })
                    .onMessage(ClientRelay.OutcomeReceived.class, received -> {
                        resends.answered(received.key());
                        return Behaviors.same();
                    })
                    .onMessage(Tick.class, tick -> {
                        if (failure[0] == null) {
                            resends.tick(System.nanoTime()).ifPresent(reason -> {
                                failure[0] = "node " + context.getSystem().address() + ": " + reason;
                                context.getLog().error("run fails: {}", failure[0]);
                            });
                        }
                        if (failure[0] != null && told[0]++ < 3) {
                            relay.tell(new Clock.Fail(failure[0]));
                        }
                        return Behaviors.same();
                    })
                    .onMessage(Clock.Command.class, command -> {
                        relay.tell(command);
                        return Behaviors.same();
                    })
                    .onSignal(org.apache.pekko.actor.typed.Terminated.class, ended -> Behaviors.stopped())
                    .build();
        })).narrow();
    }
}
