package dev.geminilive.examples.voice.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.examples.voice.GeminiBackend;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway serves the page, and its WebSocket admits only pages it served: a page of another site, opened in a
 * visitor's browser, must not be able to talk to Gemini on the gateway's key.
 */
class OriginCheckTest {

    private static GeminiLiveEmulator emulator;
    private static VoiceWebGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        emulator = GeminiLiveEmulator.builder().start();
        gateway = VoiceWebGateway.start(GeminiBackend.of(emulator), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        emulator.close();
    }

    @Test
    void servesThePageAndItsWorklets() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String file : List.of("", "app.js", "capture-worklet.js", "playback-worklet.js")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.url() + file)).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 200, file + ": " + r.statusCode());
        }
    }

    @Test
    void admitsThePagesOwnOriginAndRefusesOthers() throws Exception {
        String ws = gateway.url().replace("http://", "ws://") + "live";
        String own = gateway.url().substring(0, gateway.url().length() - 1);
        String ready = firstMessage(ws, own);
        assertTrue(ready.contains("\"status\"") && ready.contains("\"ready\""), ready);
        assertThrows(DeploymentException.class, () -> firstMessage(ws, "http://evil.example"));
        assertThrows(DeploymentException.class, () -> firstMessage(ws, null));
        assertFalse(VoiceWebGateway.isSameOrigin("http://127.0.0.1:1", "127.0.0.1", 2));
        assertTrue(VoiceWebGateway.isSameOrigin("http://localhost:2", "127.0.0.1", 2));
    }

    @Test
    void aTabSendingAudioFasterThanRealTimeIsDisconnected() throws Exception {
        String ws = gateway.url().replace("http://", "ws://") + "live";
        String own = gateway.url().substring(0, gateway.url().length() - 1);
        CompletableFuture<jakarta.websocket.CloseReason> closed = new CompletableFuture<>();
        Session session = ClientManager.createClient().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
            }

            @Override
            public void onClose(Session s, jakarta.websocket.CloseReason reason) {
                closed.complete(reason);
            }
        }, originConfig(own), URI.create(ws));
        byte[] chunk = new byte[1 + 1280];
        chunk[0] = BrowserEndpoint.AUDIO;
        // ten seconds of audio in a moment
        for (int i = 0; i < 250 && session.isOpen(); i++) {
            session.getBasicRemote().sendBinary(java.nio.ByteBuffer.wrap(chunk));
        }
        jakarta.websocket.CloseReason reason = closed.get(10, TimeUnit.SECONDS);
        assertTrue(reason.getCloseCode().getCode() == 1008, reason.toString());
    }

    private static ClientEndpointConfig originConfig(String origin) {
        return ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> headers) {
                headers.remove("Origin");
                if (origin != null) {
                    headers.put("Origin", List.of(origin));
                }
            }
        }).build();
    }

    private static String firstMessage(String url, String origin) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        ClientEndpointConfig config = originConfig(origin);
        Session session = ClientManager.createClient().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig c) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) first::complete);
            }
        }, config, URI.create(url));
        try {
            return first.get(10, TimeUnit.SECONDS);
        } finally {
            session.close();
        }
    }
}
