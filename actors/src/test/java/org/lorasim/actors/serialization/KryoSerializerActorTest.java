package org.lorasim.actors.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.Kryo;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.apache.pekko.serialization.SerializationExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.serialization.KryoTestMessages.Echo;
import org.lorasim.actors.serialization.KryoTestMessages.Echoed;
import org.lorasim.actors.serialization.KryoTestMessages.Envelope;
import org.lorasim.actors.serialization.KryoTestMessages.Unregistered;
import org.lorasim.policies.adapter.Adapter;
import scala.util.Try;

/** Messages between real actors with {@code pekko.actor.serialize-messages = on} (application-test.conf). */
class KryoSerializerActorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    /** Answers every Echo with the adapter it received. */
    private static Behavior<Echo> echo() {
        return Behaviors.receive(Echo.class)
                .onMessage(Echo.class, m -> {
                    m.replyTo().tell(new Echoed(m.adapter(), System.identityHashCode(m.adapter())));
                    return Behaviors.same();
                })
                .build();
    }

    @Test
    void serializeMessagesIsOnInTests() {
        // Assert: without it, none of the tests below would prove anything
        assertThat(TEST_KIT.system().settings().config().getBoolean("pekko.actor.serialize-messages")).isTrue();
    }

    @Test
    void anAdapterAndAReplyToCrossTheSerializerBothWays() {
        // Prepare
        Adapter adapter = KryoTestMessages.randomAdapter(new SplittableRandom(11));
        TestProbe<Echoed> probe = TEST_KIT.createTestProbe(Echoed.class);
        ActorRef<Echo> echo = TEST_KIT.spawn(echo());

        // Execute
        echo.tell(new Echo(adapter, probe.ref()));
        Echoed reply = probe.receiveMessage();

        // Assert: equal in value, but copies: the actor saw a deserialized adapter, and so did the probe
        assertThat(reply.adapter()).isEqualTo(adapter).isNotSameAs(adapter);
        assertThat(reply.receivedIdentity()).isNotEqualTo(System.identityHashCode(reply.adapter()));
        TEST_KIT.stop(echo);
    }

    @Test
    void typedRefsOfEveryImplementationShareOneRegistration() {
        // Prepare
        TestProbe<Echoed> probe = TEST_KIT.createTestProbe(Echoed.class);
        Kryo kryo = new LorasimKryo(KryoRegistrations.core(), getClass().getClassLoader(), () -> null);

        // Execute
        int id = kryo.getRegistration(probe.ref().getClass()).getId();

        // Assert
        assertThat(probe.ref().getClass()).isNotEqualTo(ActorRef.class);
        assertThat(id).isEqualTo(150);
    }

    @Test
    void anUnregisteredMessageFailsNamingItsClass() {
        // Prepare
        Unregistered message = new Unregistered("hello");

        // Execute
        Try<byte[]> result = SerializationExtension.get(TEST_KIT.system().classicSystem()).serialize(message);

        // Assert
        assertThat(result.isFailure()).isTrue();
        assertThat(result.failed().get())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot serialize a message of class " + Unregistered.class.getName())
                .hasMessageContaining("class " + Unregistered.class.getName() + " is not registered")
                .hasMessageContaining("lorasim.serialization.registrations");
    }

    @Test
    void anUnregisteredClassInsideARegisteredMessageFailsNamingIt() {
        // Prepare: StringBuilder is nowhere in the table
        Envelope message = new Envelope(new StringBuilder("x"));

        // Execute
        Try<byte[]> result = SerializationExtension.get(TEST_KIT.system().classicSystem()).serialize(message);

        // Assert
        assertThat(result.failed().get())
                .hasMessageContaining("cannot serialize a message of class " + Envelope.class.getName())
                .hasMessageContaining("class java.lang.StringBuilder is not registered");
    }

    @Test
    void anUnregisteredMessageSentToAnActorIsRejectedWithAnErrorNamingItsClass() {
        // Prepare
        TestProbe<Logging.Error> errors = TEST_KIT.createTestProbe(Logging.Error.class);
        TEST_KIT.system().eventStream().tell(new EventStream.Subscribe<>(Logging.Error.class, errors.ref()));
        // Subscribing is asynchronous: a marker published after it, through the same event stream, arrives
        // only once the subscription is in place, so the error below cannot slip past the probe.
        Logging.Error marker = new Logging.Error(getClass().getName(), getClass(), "subscription marker");
        TEST_KIT.system().eventStream().tell(new EventStream.Publish<>(marker));
        errors.fishForMessage(Duration.ofSeconds(10),
                e -> e == marker ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
        TestProbe<LorasimMessage> receiver = TEST_KIT.createTestProbe(LorasimMessage.class);
        receiver.ref().tell(new Envelope("started"));
        assertThat(receiver.receiveMessage()).isEqualTo(new Envelope("started"));

        // Execute
        receiver.ref().tell(new Unregistered("never delivered"));
        receiver.ref().tell(new Envelope("delivered"));

        // Assert: Pekko drops the message at the sender (as it would before crossing a JVM) and publishes an
        // error whose cause is ours; the next message passes
        List<Logging.Error> seen = errors.fishForMessage(Duration.ofSeconds(10),
                e -> e.cause() != null && String.valueOf(e.cause().getMessage()).contains(Unregistered.class.getName())
                        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
        Logging.Error error = seen.get(seen.size() - 1);
        assertThat(error.cause()).hasMessageContaining(Unregistered.class.getName());
        assertThat(error.cause().getCause())
                .hasMessageContaining("class " + Unregistered.class.getName() + " is not registered");
        assertThat(receiver.receiveMessage()).isEqualTo(new Envelope("delivered"));
        TEST_KIT.system().eventStream().tell(new EventStream.Unsubscribe<>(errors.ref()));
    }
}
