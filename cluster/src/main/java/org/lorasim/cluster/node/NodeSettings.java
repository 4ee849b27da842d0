package org.lorasim.cluster.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lorasim.actors.profile.ConfigReading;

/**
 * Everything a cluster node needs to start, read from {@code lorasim.cluster.*} (documented in the cluster
 * module's {@code reference.conf}); the {@code lorasim node} options arrive as overrides of those keys, so a
 * problem always names its key (and FILE:LINE, or the option, as its origin).
 *
 * <p>Checks, all in {@link #fromConfig}: roles a non-empty subset of {@link NodeRole}; ports in 0..65535 (seed
 * ports 1..65535); devices {@code cpu} or {@code gpu:N}; positive timeouts; with TLS on, readable key stores;
 * and a non-loopback {@code host} refused unless TLS is on or {@code allow-public-bind}.
 *
 * @param seedNodes          the nodes to contact; empty: this node forms a new cluster alone
 * @param roles              what the node hosts; empty only for the process that submits a run
 *                           ({@code lorasim run --cluster}), a member that hosts none of the run's actors
 * @param largeMessageDestinations Artery's large-message-destinations (actor path patterns)
 * @param httpPort           the coordinator's JSON endpoint; 0 picks a free port
 */
public record NodeSettings(String systemName, String host, int port, List<SeedNode> seedNodes, Set<NodeRole> roles,
                           List<SlotDevice> trainerDevices, TlsSettings tls, boolean allowPublicBind,
                           Duration joinTimeout, Duration splitBrainStableAfter, List<String> largeMessageDestinations,
                           boolean httpEnabled, String httpHost, int httpPort) {

    public static final String ROOT = "lorasim.cluster";

    public NodeSettings {
        seedNodes = List.copyOf(seedNodes);
        roles = Collections.unmodifiableSet(roles.isEmpty() ? EnumSet.noneOf(NodeRole.class) : EnumSet.copyOf(roles));
        trainerDevices = List.copyOf(trainerDevices);
        largeMessageDestinations = List.copyOf(largeMessageDestinations);
        if (port < 0 || port > 65535 || httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("ports are in 0..65535");
        }
    }

    /** The documented defaults ({@code reference.conf} of every module on the class path). */
    public static NodeSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference(NodeSettings.class.getClassLoader()));
    }

    /**
     * Reads and checks {@code lorasim.cluster.*} of a resolved config.
     *
     * @throws ConfigException naming the key (and its origin) of the first problem
     */
    public static NodeSettings fromConfig(Config config) {
        Config c = config;
        String host = c.getString(key("host")).strip();
        if (host.isEmpty()) {
            throw ConfigReading.bad(c, key("host"), "is empty; give the address this node binds to");
        }
        int port = port(c, key("port"), 0);
        List<SeedNode> seeds = new ArrayList<>();
        for (String seed : c.getStringList(key("seed-nodes"))) {
            try {
                seeds.add(SeedNode.parse(seed));
            } catch (IllegalArgumentException e) {
                throw ConfigReading.bad(c, key("seed-nodes"), e.getMessage());
            }
        }
        EnumSet<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String role : c.getStringList(key("roles"))) {
            roles.add(NodeRole.parse(role).orElseThrow(() -> ConfigReading.bad(c, key("roles"), "unknown role '"
                    + role + "'" + ConfigReading.didYouMean(role, NodeRole.names()) + "; the roles are "
                    + NodeRole.names())));
        }
        if (roles.isEmpty()) {
            throw ConfigReading.bad(c, key("roles"), "is empty; a node needs at least one of " + NodeRole.names());
        }
        List<SlotDevice> devices = new ArrayList<>();
        for (String device : c.getStringList(key("trainer.devices"))) {
            try {
                devices.add(SlotDevice.parse(device));
            } catch (IllegalArgumentException e) {
                throw ConfigReading.bad(c, key("trainer.devices"), e.getMessage());
            }
        }
        if (roles.contains(NodeRole.TRAINER) && devices.isEmpty()) {
            throw ConfigReading.bad(c, key("trainer.devices"), "is empty, but this node has the role trainer:"
                    + " give one device per trainer slot, e.g. [cpu] or [gpu:0, gpu:1]");
        }
        TlsSettings tls = tls(c);
        boolean allowPublicBind = c.getBoolean(key("allow-public-bind"));
        if (!tls.enabled() && !allowPublicBind && !isLoopback(host)) {
            throw ConfigReading.bad(c, key("host"), "'" + host + "' is not a loopback address and TLS is off: anyone"
                    + " who reaches the port could send this node messages. Set " + key("tls.enabled") + " = on"
                    + " (see docs/cluster.md), or " + key("allow-public-bind") + " = on on a trusted network");
        }
        Duration joinTimeout = positive(c, key("join-timeout"));
        Duration stableAfter = positive(c, key("split-brain-stable-after"));
        metricsInterval(c);
        DeliverySettings.from(c);
        frameSize(c);
        localNodeJvmOptions(c);
        List<String> destinations = c.getStringList(key("large-message-destinations"));
        for (String d : destinations) {
            if (!d.startsWith("/")) {
                throw ConfigReading.bad(c, key("large-message-destinations"), "'" + d + "' is no actor path"
                        + " pattern: it must start with '/' (e.g. /user/trainer-slot-*)");
            }
        }
        boolean httpEnabled = c.getBoolean(key("http-enabled"));
        String httpHost = c.getString(key("http-host")).strip();
        int httpPort = port(c, key("http-port"), 0);
        String systemName = c.getString(key("system-name")).strip();
        if (!systemName.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw ConfigReading.bad(c, key("system-name"), "'" + systemName + "' is no actor system name"
                    + " (letters, digits, '-' and '_', starting with a letter or digit)");
        }
        String journalDir = c.getString(key("journal-dir")).strip();
        if (!journalDir.isEmpty() && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(journalDir))) {
            throw ConfigReading.bad(c, key("journal-dir"), "'" + journalDir + "' is a file: give a directory (made if"
                    + " missing), or \"\" for java.io.tmpdir/lorasim-journals");
        }
        return new NodeSettings(systemName, host, port, seeds, roles, devices, tls, allowPublicBind, joinTimeout,
                stableAfter, destinations, httpEnabled, httpHost, httpPort);
    }

    /**
     * {@code lorasim.cluster.metrics-interval}: how often the coordinator asks every node for its figures
     * (shards, trainer slots, bytes sent) between the asks at each round's end.
     */
    public static Duration metricsInterval(Config config) {
        return positive(config, key("metrics-interval"));
    }

    /** Pekko refuses a smaller {@code maximum-frame-size}. */
    static final long SMALLEST_FRAME = 32_000;

    /**
     * {@code lorasim.cluster.frame-size}: Artery's frame for ordinary messages, in bytes (every node of a cluster
     * must use the same: a node drops an inbound frame larger than its own).
     */
    public static long frameSize(Config config) {
        long bytes = config.getBytes(key("frame-size"));
        if (bytes < SMALLEST_FRAME || bytes > Integer.MAX_VALUE) {
            throw ConfigReading.bad(config, key("frame-size"), "must be between " + SMALLEST_FRAME + " bytes and 2 GiB,"
                    + " got " + bytes + " bytes");
        }
        return bytes;
    }

    /**
     * {@code lorasim.cluster.local-node-jvm-options}: JVM options of every node JVM that {@code --local-nodes}
     * starts, after the parent's {@code --add-opens} and {@code -D} flags (which they always take), e.g.
     * {@code ["-Xmx8g"]}: the nodes do not take the parent's heap size, so four JVMs on one machine do not each
     * claim what one was given. Each must start with {@code -}.
     */
    public static List<String> localNodeJvmOptions(Config config) {
        List<String> options = config.getStringList(key("local-node-jvm-options"));
        for (String option : options) {
            if (!option.startsWith("-") || !option.equals(option.strip())) {
                throw ConfigReading.bad(config, key("local-node-jvm-options"), "'" + option + "' is no JVM option:"
                        + " each entry is one option starting with '-', e.g. [\"-Xmx8g\"]");
            }
        }
        return List.copyOf(options);
    }

    public static String key(String relative) {
        return ROOT + "." + relative;
    }

    public boolean has(NodeRole role) {
        return roles.contains(role);
    }

    /** This node's own address: {@code pekko://SYSTEM@HOST:PORT} (with port 0 only known once started). */
    public String address() {
        return "pekko://" + systemName + "@" + host + ":" + port;
    }

    public NodeSettings withHost(String newHost) {
        return new NodeSettings(systemName, newHost, port, seedNodes, roles, trainerDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(systemName, host, newPort, seedNodes, roles, trainerDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withSeedNodes(List<SeedNode> newSeeds) {
        return new NodeSettings(systemName, host, port, newSeeds, roles, trainerDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withRoles(Set<NodeRole> newRoles) {
        return new NodeSettings(systemName, host, port, seedNodes, newRoles, trainerDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withTrainerDevices(List<SlotDevice> newDevices) {
        return new NodeSettings(systemName, host, port, seedNodes, roles, newDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withTls(TlsSettings newTls) {
        return new NodeSettings(systemName, host, port, seedNodes, roles, trainerDevices, newTls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withJoinTimeout(Duration newTimeout) {
        return new NodeSettings(systemName, host, port, seedNodes, roles, trainerDevices, tls, allowPublicBind,
                newTimeout, splitBrainStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    public NodeSettings withHttp(boolean enabled, int newHttpPort) {
        return new NodeSettings(systemName, host, port, seedNodes, roles, trainerDevices, tls, allowPublicBind,
                joinTimeout, splitBrainStableAfter, largeMessageDestinations, enabled, httpHost, newHttpPort);
    }

    public NodeSettings withSplitBrainStableAfter(Duration newStableAfter) {
        return new NodeSettings(systemName, host, port, seedNodes, roles, trainerDevices, tls, allowPublicBind,
                joinTimeout, newStableAfter, largeMessageDestinations, httpEnabled, httpHost, httpPort);
    }

    /**
     * True for {@code localhost} and loopback IP literals; another name is resolved (a name that does not
     * resolve counts as not loopback, so the bind check refuses it rather than guessing).
     */
    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static TlsSettings tls(Config c) {
        if (!c.getBoolean(key("tls.enabled"))) {
            return TlsSettings.OFF;
        }
        Path keyStore = readableFile(c, key("tls.key-store"));
        Path trustStore = c.getString(key("tls.trust-store")).isBlank() ? keyStore
                : readableFile(c, key("tls.trust-store"));
        String keyStorePassword = c.getString(key("tls.key-store-password"));
        String keyPassword = c.getString(key("tls.key-password"));
        String trustStorePassword = c.getString(key("tls.trust-store-password"));
        return new TlsSettings(true, keyStore, keyStorePassword, keyPassword.isEmpty() ? keyStorePassword : keyPassword,
                trustStore, trustStorePassword.isEmpty() && trustStore.equals(keyStore) ? keyStorePassword
                        : trustStorePassword, c.getString(key("tls.protocol")).strip());
    }

    private static Path readableFile(Config c, String path) {
        if (c.getString(path).isBlank()) {
            throw ConfigReading.bad(c, path, "is empty, but " + key("tls.enabled") + " = on needs a key store"
                    + " (see docs/cluster.md for keytool)");
        }
        Path file = ConfigReading.file(c, path).toAbsolutePath();
        if (!Files.isReadable(file)) {
            throw ConfigReading.bad(c, path, "cannot read " + file);
        }
        return file;
    }

    private static int port(Config c, String path, int min) {
        int port = ConfigReading.integer(c, path);
        if (port < min || port > 65535) {
            throw ConfigReading.bad(c, path, "must be a port in " + min + "..65535, got " + port);
        }
        return port;
    }

    private static Duration positive(Config c, String path) {
        Duration d = c.getDuration(path);
        if (d.isNegative() || d.isZero()) {
            throw ConfigReading.bad(c, path, "must be a positive duration, got " + c.getValue(path).unwrapped());
        }
        return d;
    }
}
