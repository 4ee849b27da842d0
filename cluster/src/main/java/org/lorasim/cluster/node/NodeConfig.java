package org.lorasim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pekko configuration of a node, from its {@link NodeSettings} over a base config (the scenario, or the
 * defaults), whose {@code lorasim.serialization.*} and serializer bindings (the actors module's
 * {@code reference.conf}) it keeps. What it sets, and why:
 * <ul>
 *   <li>{@code provider = cluster}; Artery over {@code tcp}, or {@code tls-tcp} with
 *   {@code ConfigSSLEngineProvider} and mutual authentication when TLS is on; canonical host and port.</li>
 *   <li>seed nodes as {@code pekko://SYSTEM@HOST:PORT}, roles by {@link NodeRole#roleName()}.</li>
 *   <li>Java serialization off: only the Kryo serializer (bound to {@code LorasimMessage} and the adapter
 *   classes) and Pekko's own protobuf serializers cross a JVM; an unbound class fails at the sender.</li>
 *   <li>large messages: {@code maximum-large-frame-size = lorasim.serialization.max-bytes + 64 KiB} (room for
 *   the envelope), so the serializer's limit, which fails loudly, is reached before Artery's, which drops
 *   silently; {@code large-message-destinations} from the settings.</li>
 *   <li>one ordinary lane each way ({@code inbound-lanes = outbound-lanes = 1}): a node's messages reach another
 *   node in the order they were sent, across recipients, which the simulation's recorder relies on (a link's
 *   MessageSent before the Handled that ends the round); ordinary frames of {@code lorasim.cluster.frame-size}
 *   ({@link NodeSettings#frameSize}: the simulation's deliveries carry adapters and instructions inside ordinary
 *   messages, and a rank-8 MiniLM adapter is ~300 KB in Kryo, over Pekko's 256 KiB default). Set here, not in a
 *   reference.conf: in the one-jar build Pekko's own reference.conf comes later and would win. A message over
 *   either frame is refused by the Kryo serializer at the sender, which the simulation turns into a failed run
 *   (docs/cluster.md, "Payloads").</li>
 *   <li>the split brain resolver, {@code keep-majority}, with {@code stable-after} from the settings.</li>
 *   <li>{@link SentCounter} as Artery instrument: remote messages and bytes this node sent.</li>
 *   <li>the time-outs of the coordinated-shutdown phases that hold Pekko's cluster tasks, {@link #PHASE_TIMEOUTS}:
 *   stated here rather than left to Pekko's defaults, because {@link ClusterNode#close} bounds its wait by their
 *   sum ({@code CoordinatedShutdown.totalTimeout()}), so a leave that is slow but within Pekko's own bounds is
 *   never reported as a node that did not shut down.</li>
 *   <li>{@code jmx.multi-mbeans-in-same-jvm = on} (several nodes in one test JVM) and
 *   {@code shutdown-after-unsuccessful-join-seed-nodes = off}: {@link ClusterNode} enforces its own join timeout
 *   and names the seeds it tried.</li>
 * </ul>
 */
public final class NodeConfig {


    /** Room for Artery's envelope and headers beside the largest serialized message. */
    static final long ENVELOPE_MARGIN_BYTES = 64 * 1024;

    /**
     * Time-outs of the coordinated-shutdown phases with cluster tasks, in seconds: the shard regions hand over
     * (10), the leave is marked (5), the node waits to be moved to Exiting by the leader (10: needs the
     * others' convergence), confirms its exit (5), shuts the cluster extension down (5) and the actor system
     * (10). These are Pekko's defaults, now fixed for every node; a phase that times out is logged by Pekko
     * and the shutdown goes on.
     */
    static final Map<String, Integer> PHASE_TIMEOUTS = Map.of(
            "cluster-sharding-shutdown-region", 10,
            "cluster-leave", 5,
            "cluster-exiting", 10,
            "cluster-exiting-done", 5,
            "cluster-shutdown", 5,
            "actor-system-terminate", 10);

    private NodeConfig() {
    }

    /** The node's Pekko config over {@code base} (resolved; its {@code lorasim.cluster} is not re-read). */
    public static Config build(NodeSettings settings, Config base) {
        Map<String, Object> v = new HashMap<>();
        v.put("pekko.actor.provider", "cluster");
        v.put("pekko.actor.allow-java-serialization", "off");
        v.put("pekko.actor.warn-about-java-serializer-usage", "on");
        v.put("pekko.remote.artery.enabled", "on");
        v.put("pekko.remote.artery.canonical.hostname", settings.host());
        v.put("pekko.remote.artery.canonical.port", settings.port());
        v.put("pekko.cluster.seed-nodes",
                settings.seedNodes().stream().map(s -> s.address(settings.systemName())).toList());
        v.put("pekko.cluster.roles", settings.roles().stream().map(NodeRole::roleName).sorted().toList());
        v.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
        v.put("pekko.cluster.shutdown-after-unsuccessful-join-seed-nodes", "off");
        v.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        v.put("pekko.cluster.split-brain-resolver.active-strategy", "keep-majority");
        v.put("pekko.cluster.split-brain-resolver.stable-after", settings.splitBrainStableAfter().toMillis() + " ms");
        long maxMessage = base.hasPath("lorasim.serialization.max-bytes")
                ? base.getBytes("lorasim.serialization.max-bytes") : 64L * 1024 * 1024;
        v.put("pekko.remote.artery.advanced.maximum-large-frame-size", (maxMessage + ENVELOPE_MARGIN_BYTES) + " b");
        v.put("pekko.remote.artery.large-message-destinations", settings.largeMessageDestinations());
        v.put("pekko.remote.artery.advanced.inbound-lanes", 1);
        v.put("pekko.remote.artery.advanced.outbound-lanes", 1);
        v.put("pekko.remote.artery.advanced.maximum-frame-size", NodeSettings.frameSize(base) + " b");
        v.put("pekko.remote.artery.advanced.instruments", List.of(SentCounter.class.getName()));
        PHASE_TIMEOUTS.forEach((phase, seconds) ->
                v.put("pekko.coordinated-shutdown.phases." + phase + ".timeout", seconds + " s"));
        TlsSettings tls = settings.tls();
        if (tls.enabled()) {
            String ssl = "pekko.remote.artery.ssl.config-ssl-engine.";
            v.put("pekko.remote.artery.transport", "tls-tcp");
            v.put("pekko.remote.artery.ssl.ssl-engine-provider",
                    "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
            v.put(ssl + "key-store", tls.keyStore().toString());
            v.put(ssl + "key-store-password", tls.keyStorePassword());
            v.put(ssl + "key-password", tls.keyPassword());
            v.put(ssl + "trust-store", tls.trustStore().toString());
            v.put(ssl + "trust-store-password", tls.trustStorePassword());
            v.put(ssl + "protocol", tls.protocol());
            v.put(ssl + "require-mutual-authentication", "on");
        } else {
            v.put("pekko.remote.artery.transport", "tcp");
        }
        Config node = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : v.entrySet()) {
            Object value = e.getValue() instanceof List<?> list ? list : e.getValue();
            node = node.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(value, "lorasim node settings"));
        }
        return node.withFallback(base).resolve();
    }
}
