package dev.geminilive.emulator.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * A Tyrus server container with its endpoints deployed at {@code /}, to plug into a Grizzly listener with Tyrus'
 * {@code WebSocketAddOn}. Built by hand rather than with {@code org.glassfish.tyrus.server.Server}, which always binds
 * 0.0.0.0 and reads port 0 as 8025.
 */
public final class WebSocketContainers {

    /** The context path the endpoints are deployed under. */
    public static final String CONTEXT_PATH = "/";

    private WebSocketContainers() {
    }

    /**
     * @param endpoints  the WebSocket endpoints
     * @param bufferSize the largest frame Tyrus buffers, and the default message buffer size of the endpoints
     * @return the container, endpoints deployed
     * @throws IOException when an endpoint cannot be deployed
     */
    public static TyrusServerContainer create(List<ServerEndpointConfig> endpoints, int bufferSize) throws IOException {
        TyrusServerContainer container = new TyrusServerContainer((Set<Class<?>>) null) {
            private final TyrusWebSocketEngine engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(bufferSize).build();

            @Override
            public void register(Class<?> endpointClass) throws DeploymentException {
                engine.register(endpointClass, CONTEXT_PATH);
            }

            @Override
            public void register(ServerEndpointConfig config) throws DeploymentException {
                engine.register(config, CONTEXT_PATH);
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
        container.setDefaultMaxTextMessageBufferSize(bufferSize);
        container.setDefaultMaxBinaryMessageBufferSize(bufferSize);
        try {
            for (ServerEndpointConfig config : endpoints) {
                container.register(config);
            }
        } catch (DeploymentException e) {
            throw new IOException("Cannot deploy the WebSocket endpoints: " + e.getMessage(), e);
        }
        return container;
    }
}
