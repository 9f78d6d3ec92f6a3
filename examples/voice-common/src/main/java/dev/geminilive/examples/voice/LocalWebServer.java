package dev.geminilive.examples.voice;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Grizzly HTTP server with Tyrus WebSocket endpoints and, optionally, static files from the classpath. Assembled
 * here rather than with {@code org.glassfish.tyrus.server.Server}, which always binds 0.0.0.0 and reads port 0 as 8025:
 * a gateway that holds an API key should listen where it is told, loopback by default.
 */
public final class LocalWebServer implements AutoCloseable {

    /** The largest frame a client may send: a camera JPEG fits, a flood does not. */
    public static final int MAX_MESSAGE_BYTES = 512 * 1024;

    private final HttpServer http;
    private final NetworkListener listener;

    private LocalWebServer(HttpServer http, NetworkListener listener) {
        this.http = http;
        this.listener = listener;
    }

    /**
     * Starts a server.
     *
     * @param host the address to bind, e.g. 127.0.0.1
     * @param port the port; 0 picks a free one
     * @param endpoints the WebSocket endpoints
     * @param staticRoot a classpath folder served at {@code /} (e.g. {@code "web/"}), or null for none
     * @return the running server
     * @throws IOException when the port cannot be bound or an endpoint cannot be deployed
     */
    public static LocalWebServer start(String host, int port, List<ServerEndpointConfig> endpoints, String staticRoot) throws IOException {
        String contextPath = "/";
        TyrusServerContainer container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final TyrusWebSocketEngine engine = TyrusWebSocketEngine.builder(this)
                    .incomingBufferSize(MAX_MESSAGE_BYTES)
                    .build();

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                engine.register(endpointClass, contextPath);
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                engine.register(config, contextPath);
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
        container.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
        container.setDefaultMaxBinaryMessageBufferSize(MAX_MESSAGE_BYTES);
        try {
            for (ServerEndpointConfig config : endpoints) {
                container.register(config);
            }
        } catch (DeploymentException e) {
            throw new IOException("Cannot deploy the WebSocket endpoints: " + e.getMessage(), e);
        }
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("voice-gateway", host, port);
        // Grizzly's keep-alive idle filter also watches upgraded connections and would end a quiet call after 30 s
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, contextPath));
        http.addListener(listener);
        if (staticRoot != null) {
            CLStaticHttpHandler files = new CLStaticHttpHandler(LocalWebServer.class.getClassLoader(), "/" + staticRoot);
            files.setFileCacheEnabled(false);
            http.getServerConfiguration().addHttpHandler(files, "/");
        }
        http.start();
        return new LocalWebServer(http, listener);
    }

    /** @return the port actually bound */
    public int port() {
        return listener.getPort();
    }

    /** @return the address bound */
    public String host() {
        return listener.getHost();
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
