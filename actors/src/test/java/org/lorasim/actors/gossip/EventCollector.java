package org.lorasim.actors.gossip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.lorasim.actors.link.LinkActor;

/**
 * A read-only observer of nodes and links that keeps every event in arrival order. {@link #events} asks it for
 * a copy: everything told to it before the run went idle is in its mailbox ahead of the question.
 */
final class EventCollector {
    private record Snapshot(List<Object> events) implements NoSerializationVerificationNeeded {
    }

    private record Ask(ActorRef<Snapshot> replyTo) implements NoSerializationVerificationNeeded {
    }

    private final ActorTestKit testKit;
    private final ActorRef<Object> ref;

    EventCollector(ActorTestKit testKit) {
        this.testKit = testKit;
        this.ref = testKit.spawn(behavior(new ArrayList<>()));
    }

    private static Behavior<Object> behavior(List<Object> events) {
        return Behaviors.receive((context, message) -> {
            if (message instanceof Ask ask) {
                ask.replyTo().tell(new Snapshot(List.copyOf(events)));
            } else {
                events.add(message);
            }
            return Behaviors.same();
        });
    }

    ActorRef<GossipNode.Event> nodeObserver() {
        return ref.narrow();
    }

    ActorRef<LinkActor.Event> linkObserver() {
        return ref.narrow();
    }

    List<Object> events() {
        TestProbe<Snapshot> probe = testKit.createTestProbe();
        ref.tell(new Ask(probe.ref()));
        return probe.receiveMessage(Duration.ofSeconds(30)).events();
    }

    List<GossipNode.Event> nodeEvents() {
        return events().stream().filter(GossipNode.Event.class::isInstance).map(GossipNode.Event.class::cast).toList();
    }

    <T> List<T> of(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
