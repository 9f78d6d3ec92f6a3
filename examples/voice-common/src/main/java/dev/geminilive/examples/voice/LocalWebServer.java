package dev.geminilive.examples.voice;

import java.io.IOException;
import java.util.List;

import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.server.TyrusServerContainer;

import dev.geminilive.emulator.server.WebSocketContainers;

/**
 * A Grizzly HTTP server with Tyrus WebSocket endpoints and, optionally, static files from the classpath, listening where
 * it is told (loopback by default): a gateway that holds an API key must not bind 0.0.0.0 unasked.
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
        TyrusServerContainer container = WebSocketContainers.create(endpoints, MAX_MESSAGE_BYTES);
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("voice-gateway", host, port);
        // Grizzly's keep-alive idle filter also watches upgraded connections and would end a quiet call after 30 s
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.registerAddOn(new WebSocketAddOn(container, WebSocketContainers.CONTEXT_PATH));
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
