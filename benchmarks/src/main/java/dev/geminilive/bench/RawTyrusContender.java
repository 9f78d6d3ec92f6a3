package dev.geminilive.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;

/**
 * The floor: the least code that does the protocol's work over Tyrus — a programmatic endpoint, setup as a JSON
 * string, every server frame read with Jackson's tree model, text turns and tool responses written as JSON strings
 * through the async remote.
 * No queue, no ordering, no retries: whatever the other contenders spend beyond this is their own overhead.
 */
final class RawTyrusContender implements Contender {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClientManager container;
    private final URI uri;

    RawTyrusContender(String emulatorUrl) {
        container = ClientManager.createClient();
        // one Grizzly transport for all sessions, as LiveClient has: a transport per connection would cost threads
        container.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        container.setDefaultMaxSessionIdleTimeout(-1);
        uri = URI.create(emulatorUrl + "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent");
    }

    @Override
    public String name() {
        return "raw";
    }

    static String setupJson(boolean tools) {
        return "{\"setup\":{\"model\":\"models/" + Protocol.MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"sessionResumption\":{}"
                + (tools ? ",\"tools\":[{\"functionDeclarations\":[{\"name\":\"" + Protocol.FUNCTION
                        + "\",\"description\":\"Current weather in a city\"}]}]" : "")
                + "}}";
    }

    @Override
    public Conversation open(String id, boolean tools) throws Exception {
        RawConversation c = new RawConversation();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("x-goog-api-key", List.of(Protocol.API_KEY));
                    }
                }).build();
        container.connectToServer(c, config, uri);
        c.send(setupJson(tools));
        c.setupComplete.get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    @Override
    public void close() {
        container.shutdown();
    }

    /** One raw session: the socket endpoint and the current turn's future. */
    static final class RawConversation extends Endpoint implements Conversation {
        final CompletableFuture<Void> setupComplete = new CompletableFuture<>();
        private volatile CompletableFuture<String> turn = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private volatile Session session;

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) buf -> {
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                onFrame(b);
            });
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> onFrame(t.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        private void onFrame(byte[] utf8) {
            try {
                JsonNode m = JSON.readTree(utf8);
                if (m.has("setupComplete")) {
                    setupComplete.complete(null);
                    return;
                }
                JsonNode call = m.get("toolCall");
                if (call != null) {
                    StringBuilder r = new StringBuilder("{\"toolResponse\":{\"functionResponses\":[");
                    int n = 0;
                    for (JsonNode fc : call.path("functionCalls")) {
                        r.append(n++ > 0 ? "," : "").append("{\"id\":").append(JSON.writeValueAsString(fc.path("id").asText()))
                                .append(",\"name\":").append(JSON.writeValueAsString(fc.path("name").asText()))
                                .append(",\"response\":{\"output\":{\"tempC\":21}}}");
                    }
                    send(r.append("]}}").toString());
                    return;
                }
                JsonNode content = m.get("serverContent");
                if (content != null) {
                    for (JsonNode p : content.path("modelTurn").path("parts")) {
                        JsonNode t = p.get("text");
                        if (t != null) {
                            synchronized (text) {
                                text.append(t.asText());
                            }
                        }
                    }
                    if (content.path("turnComplete").asBoolean(false)) {
                        String answer;
                        synchronized (text) {
                            answer = text.toString();
                            text.setLength(0);
                        }
                        turn.complete(answer);
                    }
                }
            } catch (IOException | RuntimeException e) {
                turn.completeExceptionally(e);
                setupComplete.completeExceptionally(e);
            }
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            IllegalStateException closed = new IllegalStateException("closed: " + reason);
            setupComplete.completeExceptionally(closed);
            turn.completeExceptionally(closed);
        }

        /**
         * Writes a frame without waiting, as the async remote allows; the future completes once it is written. The
         * blocking basic remote was slower under load than the clients it is to be the floor of.
         */
        CompletableFuture<Void> send(String json) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            session.getAsyncRemote().sendText(json, result -> {
                if (result.isOK()) {
                    written.complete(null);
                } else {
                    written.completeExceptionally(result.getException());
                }
            });
            return written;
        }

        @Override
        public String ask(String prompt) throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            turn = f;
            send("{\"realtimeInput\":{\"text\":" + JSON.writeValueAsString(prompt) + "}}");
            return f.get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void sendAudio(byte[] pcm) throws Exception {
            // done once written, as a Camel InOnly audio exchange is
            send("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"" + Protocol.AUDIO_MIME + "\",\"data\":\""
                    + Base64.getEncoder().encodeToString(pcm) + "\"}}}").get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws IOException {
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close();
            }
        }
    }
}
