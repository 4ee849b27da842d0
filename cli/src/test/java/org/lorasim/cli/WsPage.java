package org.lorasim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The dashboard's WebSocket as a test page sees it: every message kept, controls sent with their replies. A
 * control's reply and what the control caused may come in either order (a {@code step-round} reply is sent while
 * the round runs on another thread, which may pause the clock first), so the messages that came between a
 * control and its reply stay for the next {@link #next} to look at.
 */
final class WsPage implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> all = new ArrayList<>();
    private final Deque<JsonNode> sinceLastControl = new ArrayDeque<>();
    private final WebSocket socket;
    private int ids;

    WsPage(int port) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(partial.toString()));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    JsonNode control(String action, String fields) {
        String id = "t" + (++ids);
        sinceLastControl.clear();
        socket.sendText("{\"type\": \"control\", \"id\": \"" + id + "\", \"action\": \"" + action + "\""
                + (fields.isEmpty() ? "" : ", " + fields) + "}", true).join();
        Predicate<JsonNode> reply = m -> "reply".equals(m.path("type").asText()) && id.equals(m.path("id").asText());
        while (true) {
            JsonNode m = take();
            if (reply.test(m)) {
                return m;
            }
            sinceLastControl.add(m);
        }
    }

    /**
     * The next message that matches, among those that came since the last control was sent and were not taken
     * yet, then those still to come; fails after two minutes without one.
     */
    JsonNode next(Predicate<JsonNode> wanted) {
        while (!sinceLastControl.isEmpty()) {
            JsonNode m = sinceLastControl.poll();
            if (wanted.test(m)) {
                return m;
            }
        }
        while (true) {
            JsonNode m = take();
            if (wanted.test(m)) {
                return m;
            }
        }
    }

    private JsonNode take() {
        try {
            JsonNode m = received.poll(120, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no wanted message within two minutes");
            }
            all.add(m);
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every message received so far. */
    List<JsonNode> all() {
        received.drainTo(all);
        return List.copyOf(all);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
