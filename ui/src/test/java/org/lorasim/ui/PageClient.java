package org.lorasim.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.lorasim.ui.protocol.Messages;

/** A page as the tests see it: a WebSocket client of {@code /ws} that keeps every message it receives. */
final class PageClient implements AutoCloseable {

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private final WebSocket socket;
    private int ids;

    PageClient(int port) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                received.add(Messages.JSON.readTree(partial.toString()));
                            } catch (java.io.IOException e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).join();
    }

    /** Sends {@code json} (a control message without its id) and returns the server's reply to it. */
    JsonNode control(String json) {
        String id = "t" + (++ids);
        String withId = json.replaceFirst("\\{", "{\"id\": \"" + id + "\", ");
        socket.sendText(withId, true).join();
        return next(m -> "reply".equals(m.path("type").asText()) && id.equals(m.path("id").asText()));
    }

    /** Sends raw text and returns the next reply. */
    JsonNode raw(String text) {
        socket.sendText(text, true).join();
        return next(m -> "reply".equals(m.path("type").asText()));
    }

    /** The next message (after those already looked at) that matches; fails after a minute without one. */
    JsonNode next(Predicate<JsonNode> wanted) {
        try {
            while (true) {
                JsonNode m = received.poll(60, TimeUnit.SECONDS);
                if (m == null) {
                    throw new AssertionError("no wanted message within a minute; seen " + seen.size() + ", the last: "
                            + seen.subList(Math.max(0, seen.size() - 8), seen.size()));
                }
                seen.add(m);
                if (wanted.test(m)) {
                    return m;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The first message received so far that matches, or else the next one that does. */
    JsonNode first(Predicate<JsonNode> wanted) {
        return drained().stream().filter(wanted).findFirst().orElseGet(() -> next(wanted));
    }

    /** Every message received so far (waiting for none). */
    List<JsonNode> drained() {
        received.drainTo(seen);
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
