package dev.geminilive.emulator.server;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.server.TyrusServerContainer;

/**
 * A Grizzly HTTP server with Tyrus WebSocket endpoints, bound to the address it is given. Built by hand because
 * {@code org.glassfish.tyrus.server.Server} always binds 0.0.0.0 and reads port 0 as 8025.
 */
public final class LoopbackServer implements AutoCloseable {

    private final HttpServer http;
    private final NetworkListener listener;
    private final TyrusServerContainer container;

    private LoopbackServer(HttpServer http, NetworkListener listener, TyrusServerContainer container) {
        this.http = http;
        this.listener = listener;
        this.container = container;
    }

    /**
     * Starts a server.
     *
     * @param bindAddress     the address to listen on
     * @param port            the port; 0 picks a free one
     * @param endpoints       the WebSocket endpoints
     * @param registry        where upgrade requests are captured for the endpoints
     * @param knownPath       which normalised paths exist; others get a 404 handshake answer
     * @param maxMessageBytes the largest incoming frame
     * @param sslContext      a server TLS context for wss, or null for plain ws
     * @param transportIdle   Grizzly's idle timeout for the TCP connections (whole seconds, at least 1), or null for none
     */
    public static LoopbackServer start(String bindAddress, int port, List<ServerEndpointConfig> endpoints, HandshakeRegistry registry,
            Predicate<String> knownPath, int maxMessageBytes, SSLContext sslContext, Duration transportIdle) throws IOException {
        return start(bindAddress, port, endpoints, registry, knownPath, maxMessageBytes, sslContext, transportIdle, null);
    }

    /**
     * Starts a server that also answers plain HTTP requests (those that are not WebSocket upgrades).
     *
     * @param httpHandler serves every non-upgrade request, or null for Grizzly's 404
     */
    public static LoopbackServer start(String bindAddress, int port, List<ServerEndpointConfig> endpoints, HandshakeRegistry registry,
            Predicate<String> knownPath, int maxMessageBytes, SSLContext sslContext, Duration transportIdle, HttpHandler httpHandler)
            throws IOException {
        TyrusServerContainer container = WebSocketContainers.create(endpoints, transportLimit(maxMessageBytes));
        HttpServer http = new HttpServer();
        NetworkListener listener = new NetworkListener("gemini-live", bindAddress, port);
        // HttpServer puts an IdleTimeoutFilter into every listener's chain, timed by the HTTP keep-alive setting (30 s by
        // default). It also sees upgraded WebSocket connections and ends them without a close frame after 30 s without a
        // frame in either direction. A negative value turns it off (0 would close at once).
        listener.getKeepAlive().setIdleTimeoutInSeconds(transportIdle == null ? -1 : (int) Math.max(1, transportIdle.toSeconds()));
        if (sslContext != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(sslContext, false, false, false));
        }
        // Registered first so that its filter lands in front of Tyrus' WebSocket filter.
        listener.registerAddOn(new TagAddOn(registry, knownPath));
        listener.registerAddOn(new WebSocketAddOn(container, WebSocketContainers.CONTEXT_PATH));
        http.addListener(listener);
        if (httpHandler != null) {
            // upgrade requests never get here: Tyrus' filter sits in front of the HTTP server filter and takes them
            http.getServerConfiguration().addHttpHandler(httpHandler, "/");
        }
        http.start();
        return new LoopbackServer(http, listener, container);
    }

    /**
     * Tyrus buffers a frame up to this size and answers a bigger one with 1011; frames between the configured limit and
     * this one reach the endpoint, which closes them with 1009 as RFC 6455 says.
     */
    public static int transportLimit(int maxMessageBytes) {
        return (int) Math.min(Integer.MAX_VALUE - 1024L, 4L * maxMessageBytes + 1024);
    }

    /** @return Grizzly's idle timeout for TCP connections, empty when it is off */
    public Optional<Duration> transportIdleTimeout() {
        int seconds = listener.getKeepAlive().getIdleTimeoutInSeconds();
        return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    }

    /** @return the port actually bound */
    public int port() {
        return listener.getPort();
    }

    @Override
    public void close() {
        http.shutdownNow();
        // the container's executors (its sessions' timers start them) outlive the listener unless stopped: four idle
        // threads per emulator that ever had a connection
        container.stop();
    }

    private record TagAddOn(HandshakeRegistry registry, Predicate<String> knownPath) implements AddOn {
        @Override
        public void setup(NetworkListener networkListener, FilterChainBuilder builder) {
            int idx = builder.indexOfType(org.glassfish.grizzly.http.server.HttpServerFilter.class);
            if (idx >= 0) {
                builder.add(idx, new HandshakeTagFilter(registry, knownPath));
            }
        }
    }
}
