package org.lorasim.ui.server;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.lorasim.ui.protocol.Messages;

/**
 * The dashboard's Pekko HTTP server: {@code /} the page and {@code /web/*} its files (from the jar's
 * {@code web/} resources), {@code /webjars/*} the chart library's WebJar, {@code /api/lessons} the lessons,
 * and {@code /ws} a WebSocket that sends every message of the {@link EventFeed} (history first) and answers
 * each text message with the {@code controls}' reply. Bound to {@code host} (127.0.0.1 unless asked);
 * whether control needs a token is the controls' rule, told to the page in {@code hello}.
 */
public final class DashboardServer implements AutoCloseable {

    /** Messages a page may fall behind by before the oldest are dropped. */
    private static final int PAGE_BUFFER = 1 << 18;
    private static final int FLUSH_SECONDS = 5;

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final EventFeed feed;
    private final Function<JsonNode, String> controls;
    private final List<CompletableFuture<Void>> pages = new CopyOnWriteArrayList<>();

    /**
     * Starts the server on {@code host}:{@code port} (0 picks a free port). {@code controls} answers a control
     * message (null: a replay, which refuses control).
     */
    public DashboardServer(String host, int port, EventFeed feed, Function<JsonNode, String> controls,
                           String lessonsJson) {
        this.feed = feed;
        this.controls = controls;
        Config config = ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.http.server.idle-timeout = infinite\n"
                + "pekko.http.server.websocket.periodic-keep-alive-max-idle = 10s").withFallback(ConfigFactory.load());
        this.system = ActorSystem.create(Behaviors.empty(), "dashboard", config);
        Route route = concat(
                pathSingleSlash(() -> getFromResource("web/index.html")),
                pathPrefix("web", () -> getFromResourceDirectory("web")),
                pathPrefix("webjars", () -> getFromResourceDirectory("META-INF/resources/webjars")),
                path("ws", () -> handleWebSocketMessages(page())),
                pathPrefix("api", () -> path("lessons", () -> complete(HttpEntities.create(
                        ContentTypes.APPLICATION_JSON, lessonsJson)))));
        this.binding = Http.get(system).newServerAt(host, port).bind(route).toCompletableFuture().join();
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    /** Whether {@code host} names this machine's loopback only (where controls need no token). */
    public static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private Flow<Message, Message, NotUsed> page() {
        Materializer materializer = Materializer.matFromSystem(system);
        Pair<BoundedSourceQueue<String>, Source<String, NotUsed>> out = Source.<String>queue(PAGE_BUFFER)
                .preMaterialize(materializer);
        BoundedSourceQueue<String> queue = out.first();
        feed.subscribe(queue);
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .filter(Message::isText)
                .mapAsync(1, m -> m.asTextMessage().toStrict(5_000, materializer))
                .map(t -> answer(t.getStrictText()))
                .to(Sink.foreach(queue::offer));
        Source<Message, NotUsed> toPage = out.second()
                .watchTermination((mat, done) -> {
                    CompletableFuture<Void> ended = done.toCompletableFuture().handle((d, e) -> null);
                    pages.add(ended);
                    ended.thenRun(() -> feed.unsubscribe(queue));
                    return mat;
                })
                .map(text -> (Message) TextMessage.create(text));
        return Flow.fromSinkAndSourceCoupled(in, toPage);
    }

    private String answer(String text) {
        JsonNode message;
        try {
            message = Messages.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Messages.text(Messages.reply("", "not JSON: " + e.getOriginalMessage(), -1));
        }
        if (message == null || !message.isObject()) {
            return Messages.text(Messages.reply("", "a control message is a JSON object", -1));
        }
        if (controls == null) {
            return Messages.text(Messages.reply(message.path("id").asText(""), "this is a replay of a finished run:"
                    + " use the time slider; controls act only on a live run", -1));
        }
        return controls.apply(message);
    }

    /**
     * Ends every page's stream after what it holds (the run's last messages reach the page), waits up to
     * {@value #FLUSH_SECONDS} s for them, then stops the server.
     */
    @Override
    public void close() {
        feed.complete();
        try {
            CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new)).get(FLUSH_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a page that does not read its last messages does not hold the server up
        }
        binding.unbind().toCompletableFuture().join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
