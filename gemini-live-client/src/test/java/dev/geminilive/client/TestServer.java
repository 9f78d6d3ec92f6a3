package dev.geminilive.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/** A scripted WebSocket server on 127.0.0.1 for client tests: records frames and handshake headers. */
final class TestServer implements AutoCloseable {

    static final String PATH = "/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent";

    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    final List<Map<String, List<String>>> handshakeHeaders = new CopyOnWriteArrayList<>();
    final List<String> requestUris = new CopyOnWriteArrayList<>();
    private final HttpServer http = new HttpServer();
    private final NetworkListener listener = new NetworkListener("ws", "127.0.0.1", 0);
    volatile Session session;

    /** @param onMessage called with the server-side session and each text frame received */
    TestServer(BiConsumer<Session, String> onMessage) throws IOException, DeploymentException {
        TyrusServerContainer container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final TyrusWebSocketEngine engine = TyrusWebSocketEngine.builder(this).build();

            @Override
            public void register(Class<?> c) throws DeploymentException {
                engine.register(c, "/");
            }

            @Override
            public void register(ServerEndpointConfig c) throws DeploymentException {
                engine.register(c, "/");
            }

            @Override
            public WebSocketEngine getWebSocketEngine() {
                return engine;
            }

            @Override
            public Map<String, Object> getProperties() {
                return Map.of();
            }
        };
        Endpoint endpoint = new ScriptedEndpoint(this, onMessage);
        container.register(ServerEndpointConfig.Builder.create(ScriptedEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
                        handshakeHeaders.add(request.getHeaders());
                        requestUris.add(request.getRequestURI().toString());
                    }

                    @Override
                    @SuppressWarnings("unchecked")
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return (T) endpoint;
                    }
                }).build());
        listener.registerAddOn(new WebSocketAddOn(container, "/"));
        http.addListener(listener);
        http.start();
    }

    /** Named and public: Tyrus invokes endpoint callbacks reflectively. */
    public static final class ScriptedEndpoint extends Endpoint {
        private final TestServer server;
        private final BiConsumer<Session, String> onMessage;

        ScriptedEndpoint(TestServer server, BiConsumer<Session, String> onMessage) {
            this.server = server;
            this.onMessage = onMessage;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            server.session = s;
            s.addMessageHandler(String.class, new jakarta.websocket.MessageHandler.Whole<String>() {
                @Override
                public void onMessage(String text) {
                    server.received.add(text);
                    onMessage.accept(s, text);
                }
            });
        }
    }

    String baseUrl() {
        return "ws://127.0.0.1:" + listener.getPort();
    }

    String take() throws InterruptedException {
        String s = received.poll(5, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no frame received within 5 s");
        }
        return s;
    }

    static void sendBinary(Session s, String json) {
        try {
            s.getBasicRemote().sendBinary(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sendText(Session s, String json) {
        try {
            s.getBasicRemote().sendText(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
