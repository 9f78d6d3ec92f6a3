package dev.geminilive.examples.voice;

import java.util.function.Supplier;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

/** Builds Tyrus endpoint configurations whose endpoint instances come from a supplier (one per connection). */
public final class EndpointFactory {

    private EndpointFactory() {
    }

    /**
     * @param type the endpoint class
     * @param path the path it serves, e.g. {@code /live}
     * @param perConnection makes the endpoint of each new connection, with its dependencies
     * @param <T> the endpoint type
     * @return the configuration to deploy
     */
    public static <T extends Endpoint> ServerEndpointConfig of(Class<T> type, String path, Supplier<T> perConnection) {
        return ServerEndpointConfig.Builder.create(type, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <E> E getEndpointInstance(Class<E> endpointClass) {
                        return endpointClass.cast(perConnection.get());
                    }
                })
                .build();
    }
}
