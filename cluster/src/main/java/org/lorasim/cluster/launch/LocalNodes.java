package org.lorasim.cluster.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.lorasim.cluster.node.NodeRole;

/**
 * Several node JVMs on loopback, for {@code lorasim run --local-nodes N} and the multi-JVM tests.
 *
 * <p>Each child is {@code java [the parent's --add-opens and -D flags] [jvmOptions] -cp CLASSPATH MAIN FILE...}
 * with the current {@code java}, the current class path, and a generated {@code node-I.conf} (host 127.0.0.1, a
 * free port, the roles, seed node = node 0, HTTP on a free port for coordinators) in front of the extra config
 * files. Its stdout and stderr go to {@code node-I.log} in the log folder; it counts as Up when it prints
 * {@link NodeRunner#UP_PREFIX}. Every wait is bounded: a node that does not print its line within the timeout,
 * or exits before, fails {@link Builder#start} with the end of its log, and every node started is killed.
 * Free ports are found by binding port 0 and closing it; another process could take one in between (then that
 * node fails to bind, with a clear message in its log). A child whose parent dies without closing it (SIGKILL)
 * stops itself ({@link ParentWatch}).
 */
public final class LocalNodes implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 20;

    private final List<LocalNode> nodes;
    private final List<Thread> outputs;
    private final Path logDir;

    private LocalNodes(List<LocalNode> nodes, List<Thread> outputs, Path logDir) {
        this.nodes = nodes;
        this.outputs = outputs;
        this.logDir = logDir;
    }

    public static Builder builder(Path logDir) {
        return new Builder(logDir);
    }

    /** The nodes in the order asked for; node 0 is the seed node. */
    public List<LocalNode> nodes() {
        return List.copyOf(nodes);
    }

    public LocalNode node(int index) {
        return nodes.get(index);
    }

    public Path logDir() {
        return logDir;
    }

    /** SIGKILL (Process.destroyForcibly): the node vanishes without leaving, as a crashed machine does. */
    public int kill(int index) {
        Process p = nodes.get(index).process();
        p.destroyForcibly();
        return ended(index, waitFor(p, STOP_TIMEOUT));
    }

    /** SIGTERM: the node leaves the cluster gracefully; killed if not gone within 30 s. Returns its exit code. */
    public int stop(int index) {
        Process p = nodes.get(index).process();
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        return ended(index, waitFor(p, STOP_TIMEOUT));
    }

    /** Waits (bounded) until the node's last output is in its log, so the log is complete once this returns. */
    private int ended(int index, int exitCode) {
        try {
            outputs.get(index).join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exitCode;
    }

    /** Stops every node still alive, the last started first (node 0, the seed node, last). */
    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).isAlive()) {
                stop(i);
            }
        }
    }

    private static int waitFor(Process p, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process " + p.pid() + " did not end within " + timeout.toSeconds()
                        + " s of being killed");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + p.pid(), e);
        }
    }

    /** What to start: nodes (by roles), extra config, JVM options, the main class, the timeout. */
    public static final class Builder {
        private final Path logDir;
        private final List<Set<NodeRole>> roles = new ArrayList<>();
        private final List<Path> configFiles = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private String mainClass = NodeMain.class.getName();
        private Duration upTimeout = Duration.ofSeconds(60);

        private Builder(Path logDir) {
            this.logDir = logDir;
        }

        /** One more node with these roles; the first node added is the seed node. */
        public Builder node(Set<NodeRole> nodeRoles) {
            if (nodeRoles.isEmpty()) {
                throw new IllegalArgumentException("a node needs at least one role");
            }
            roles.add(Set.copyOf(nodeRoles));
            return this;
        }

        /** A config file every node reads after its own node file (a scenario, say). */
        public Builder configFile(Path file) {
            configFiles.add(file.toAbsolutePath());
            return this;
        }

        /** A config value every node gets ({@code key = value} in HOCON, written into each node's file). */
        public Builder set(String key, String hoconValue) {
            settings.put(key, hoconValue);
            return this;
        }

        /** A JVM option of every node ({@code -Xmx1g}, {@code -Dfoo=bar}). */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** The class each child runs, given the config files as arguments; {@link NodeMain} by default. */
        public Builder mainClass(String className) {
            mainClass = className;
            return this;
        }

        /** How long to wait for all nodes to be Up (60 s by default). */
        public Builder upTimeout(Duration timeout) {
            upTimeout = timeout;
            return this;
        }

        /** Starts every node at once and returns when all are Up. */
        public LocalNodes start() throws IOException {
            if (roles.isEmpty()) {
                throw new IllegalArgumentException("no node to start: call node(roles) at least once");
            }
            Files.createDirectories(logDir);
            List<Integer> ports = freePorts(roles.size());
            List<LocalNode> started = new ArrayList<>();
            List<CompletableFuture<String>> up = new ArrayList<>();
            List<Thread> outputs = new ArrayList<>();
            try {
                for (int i = 0; i < roles.size(); i++) {
                    Path nodeFile = logDir.resolve("node-" + i + ".conf");
                    Files.writeString(nodeFile, nodeConfig(roles.get(i), ports.get(i), ports.get(0)));
                    Path log = logDir.resolve("node-" + i + ".log");
                    Process process = new ProcessBuilder(command(nodeFile)).redirectErrorStream(true).start();
                    CompletableFuture<String> address = new CompletableFuture<>();
                    outputs.add(pump(process, log, address, i));
                    up.add(address);
                    started.add(new LocalNode(i, roles.get(i), ports.get(i), process, log, null, null));
                }
                long deadline = System.nanoTime() + upTimeout.toNanos();
                List<LocalNode> ready = new ArrayList<>();
                for (int i = 0; i < started.size(); i++) {
                    LocalNode n = started.get(i);
                    String[] upLine = await(up.get(i), deadline, n).split(" ");
                    String statusUrl = java.util.Arrays.stream(upLine).filter(w -> w.startsWith("http="))
                            .map(w -> w.substring("http=".length())).findFirst().orElse(null);
                    ready.add(new LocalNode(i, n.roles(), n.port(), n.process(), n.log(), upLine[0], statusUrl));
                }
                return new LocalNodes(ready, outputs, logDir);
            } catch (IOException | RuntimeException e) {
                started.forEach(n -> n.process().destroyForcibly());
                for (LocalNode n : started) {
                    waitFor(n.process(), STOP_TIMEOUT);
                }
                throw e;
            }
        }

        private String await(CompletableFuture<String> up, long deadline, LocalNode n) {
            try {
                return up.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("local node " + n.index() + " (port " + n.port() + ") was not Up within "
                        + upTimeout.toSeconds() + " s; the end of " + n.log() + ":\n" + tail(n.log()));
            } catch (ExecutionException e) {
                throw new IllegalStateException("local node " + n.index() + " (port " + n.port() + ") "
                        + e.getCause().getMessage() + "; the end of " + n.log() + ":\n" + tail(n.log()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting local nodes", e);
            }
        }

        private String nodeConfig(Set<NodeRole> nodeRoles, int port, int seedPort) {
            StringBuilder s = new StringBuilder("# Written by LocalNodes for one node JVM.\n");
            s.append("lorasim.cluster.host = \"127.0.0.1\"\n");
            s.append("lorasim.cluster.port = ").append(port).append('\n');
            s.append("lorasim.cluster.seed-nodes = [\"127.0.0.1:").append(seedPort).append("\"]\n");
            s.append("lorasim.cluster.roles = ").append(nodeRoles.stream().sorted().map(NodeRole::roleName)
                    .collect(Collectors.joining(", ", "[", "]"))).append('\n');
            s.append("lorasim.cluster.http-port = 0\n");
            settings.forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
            return s.toString();
        }

        private List<String> command(Path nodeFile) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(inheritedJvmFlags());
            command.add(ParentWatch.flagForChild());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(mainClass);
            command.add(nodeFile.toString());
            configFiles.forEach(f -> command.add(f.toString()));
            return command;
        }
    }

    /** The default of the launcher and the parent pom (lorasim.jvm.opens), when this JVM was started without them. */
    static final List<String> DEFAULT_OPENS = List.of("java.base/java.util=ALL-UNNAMED",
            "java.base/java.util.concurrent.atomic=ALL-UNNAMED", "java.base/java.lang=ALL-UNNAMED",
            "java.base/java.nio=ALL-UNNAMED", "java.base/sun.nio.ch=ALL-UNNAMED");

    /**
     * This JVM's {@code --add-opens} (Kryo and DJL need them; the defaults above when there are none) and its
     * {@code -Dai.djl.*} flags (offline mode, thread counts), so a child runs as its parent does.
     */
    static List<String> inheritedJvmFlags() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Set<String> opens = new LinkedHashSet<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--add-opens") && i + 1 < args.size()) {
                opens.add(args.get(++i));
            } else if (a.startsWith("--add-opens=")) {
                opens.add(a.substring("--add-opens=".length()));
            } else if (a.startsWith("-Dai.djl.")) {
                flags.add(a);
            }
        }
        if (opens.isEmpty()) {
            opens.addAll(DEFAULT_OPENS);
        }
        List<String> result = new ArrayList<>();
        opens.forEach(o -> result.add("--add-opens=" + o));
        result.addAll(flags);
        return result;
    }

    /** {@code count} distinct free loopback ports, each found by binding port 0. */
    static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    /** Copies the child's output to its log, line by line, and completes {@code up} with the rest of its up line. */
    private static Thread pump(Process process, Path log, CompletableFuture<String> up, int index) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    out.flush();
                    if (!up.isDone() && line.startsWith(NodeRunner.UP_PREFIX)) {
                        String rest = line.substring(NodeRunner.UP_PREFIX.length());
                        up.complete(rest);
                    }
                }
            } catch (IOException e) {
                up.completeExceptionally(new UncheckedIOException(e));
            } finally {
                if (!up.isDone()) {
                    up.completeExceptionally(new IllegalStateException("exited" + exitCode(process)
                            + " before it was Up"));
                }
            }
        }, "local-node-" + index + "-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String exitCode(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? " with code " + process.exitValue() : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read the log: " + e.getMessage() + ")";
        }
    }
}
