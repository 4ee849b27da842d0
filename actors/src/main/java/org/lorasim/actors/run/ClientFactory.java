package org.lorasim.actors.run;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.serialization.SerializationExtension;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.client.ClientActor;
import org.lorasim.actors.client.LocalTraining;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkId;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.profile.ProfileGenerator;
import org.lorasim.actors.scenario.ScenarioTargets;
import org.lorasim.actors.serialization.KryoSerializer;
import org.lorasim.actors.serialization.LorasimMessage;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.random.RngStreams;
import org.lorasim.training.data.Example;

/**
 * Builds client {@code id} of a centralized run with its uplink and downlink {@link LinkActor}s, from the run's
 * settings and the client's id alone: its profile ({@code RngStreams(seed).stream("profile", id)}), its links
 * (timed by that profile and {@code lorasim.links.default}, streams {@code link-up}/{@code link-down}), its
 * shard and example count. Whoever builds a client with the same settings and id gets the same client, which
 * is what lets the cluster runtime build clients on other nodes ({@link #placement()} is the single-JVM one).
 *
 * <p>Upload sizes: a trained run measures every message's Kryo bytes on its link; a system-only run sends
 * compact synthetic updates standing for adapters, so its uplinks are given the Kryo size of the
 * {@link AggregatorActor.Submit} they stand for: its overhead beyond the adapter ({@link #uploadOverheadBytes})
 * plus the size of the adapter the client was told to train.
 */
public final class ClientFactory {
    private final RunSettings settings;
    private final List<List<Example>> shards;
    private final int[] examples;
    private final LocalTraining training;
    private final long uploadOverheadBytes;
    private final RngStreams streams;
    private final ProfileGenerator profiles;

    /**
     * @param shards      every client's shard, by id (empty for a system-only run)
     * @param examples    every client's example count, by id
     * @param uploadOverheadBytes a system-only upload's wire bytes beyond its adapter's, or {@link LinkActor#MEASURE}
     */
    public ClientFactory(RunSettings settings, List<List<Example>> shards, int[] examples, LocalTraining training,
                         long uploadOverheadBytes) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.shards = List.copyOf(shards);
        this.examples = examples.clone();
        this.training = Objects.requireNonNull(training, "training");
        this.uploadOverheadBytes = uploadOverheadBytes;
        this.streams = new RngStreams(settings.seed());
        this.profiles = settings.clients().profileGenerator();
    }

    /**
     * Spawns client {@code id} and its links under {@code site}, named {@code prefix + "client-" + id}
     * (and {@code -up}, {@code -down}); links report to {@code linkObserver}, the client its events to
     * {@code events}.
     */
    public ClientPlacement.Participants spawn(ActorContext<?> site, String prefix, int id,
                                              ActorRef<LinkActor.Event> linkObserver, ActorRef<RunEvent> events) {
        DeviceProfile profile = profiles.profileOf(id, streams.stream("profile", id));
        RunSettings s = settings;
        ActorRef<Clock.Delivered> up = site.spawn(LinkActor.create(
                new LinkId("client-" + id + "-up", SenderIds.UPLINKS + id, id, ScenarioTargets.AGGREGATOR_NODE),
                new LinkModel((long) profile.uplinkBytesPerSecond(), profile.latencyNanos(),
                        s.links().jitterNanos(), s.links().lossProbability()),
                streams.stream("link-up", id), List.of(linkObserver)), prefix + "client-" + id + "-up");
        ActorRef<Clock.Delivered> down = site.spawn(LinkActor.create(
                new LinkId("client-" + id + "-down", SenderIds.DOWNLINKS + id, ScenarioTargets.AGGREGATOR_NODE, id),
                new LinkModel((long) profile.downlinkBytesPerSecond(), profile.latencyNanos(),
                        s.links().jitterNanos(), s.links().lossProbability()),
                streams.stream("link-down", id), List.of(linkObserver)), prefix + "client-" + id + "-down");
        List<Example> shard = shards.isEmpty() ? List.of() : shards.get(id);
        ActorRef<Clock.Delivered> client = site.spawn(ClientActor.create(new ClientActor.Setup(id, profile, shard,
                examples[id], training, up, uploadOverheadBytes, SenderIds.CLIENTS + id, events)), prefix + "client-" + id);
        return new ClientPlacement.Participants(client, up, down);
    }

    /** Every client in the run's own actor system, spawned as the run is built: the single-JVM placement. */
    public ClientPlacement placement() {
        return new ClientPlacement() {
            private ActorRef<Object> recorder;

            @Override
            public CompletionStage<Void> prepare(ActorContext<?> site, ActorRef<Clock.Command> clock,
                                                 ActorRef<Object> recorder) {
                this.recorder = recorder;
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public ClientPlacement.Participants participants(ActorContext<?> site, int clientId) {
                return spawn(site, "", clientId, recorder.narrow(), recorder.narrow());
            }
        };
    }

    /**
     * A system-only upload's wire bytes beyond its adapter's: {@code kryoSize(Submit carrying initial) -
     * initial.byteSize()}; {@link LinkActor#MEASURE} for a trained run (its uploads are measured).
     */
    public static long uploadOverheadBytes(ActorSystem<?> system, RunSettings settings, Adapter initial) {
        return settings.synthetic() ? kryoSize(system, new AggregatorActor.Submit(0, 0, initial, null, 1, 0.0))
                - initial.byteSize() : LinkActor.MEASURE;
    }

    /** {@code message}'s size on a simulated link ({@link KryoSerializer#simulatedSize}). */
    static long kryoSize(ActorSystem<?> system, Object message) {
        try {
            return ((KryoSerializer) SerializationExtension.get(org.apache.pekko.actor.typed.javadsl.Adapter.toClassic(system))
                    .serializerFor(LorasimMessage.class)).simulatedSize(message);
        } catch (java.io.NotSerializableException e) {
            throw new IllegalStateException("no serializer bound to " + LorasimMessage.class.getName(), e);
        }
    }
}
