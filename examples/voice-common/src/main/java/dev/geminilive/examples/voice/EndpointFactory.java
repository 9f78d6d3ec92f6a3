package dev.geminilive.examples.voice;

import java.util.List;
import java.util.function.Predicate;
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
        return of(type, path, perConnection, origin -> true);
    }

    /**
     * @param type the endpoint class
     * @param path the path it serves
     * @param perConnection makes the endpoint of each new connection
     * @param origin decides which {@code Origin} header values may connect (null when the client sent none); a browser
     *        always sends its page's origin, so this keeps other sites' pages from using the gateway, and its key
     * @param <T> the endpoint type
     * @return the configuration to deploy
     */
    public static <T extends Endpoint> ServerEndpointConfig of(Class<T> type, String path, Supplier<T> perConnection,
            Predicate<String> origin) {
        return ServerEndpointConfig.Builder.create(type, path)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <E> E getEndpointInstance(Class<E> endpointClass) {
                        return endpointClass.cast(perConnection.get());
                    }

                    @Override
                    public boolean checkOrigin(String originHeaderValue) {
                        return origin.test(originHeaderValue);
                    }
                })
                .build();
    }

    /**
     * @param allowed the origins a browser page may connect from, e.g. {@code http://127.0.0.1:8080}
     * @return a check that admits exactly those
     */
    public static Predicate<String> originsOf(List<String> allowed) {
        return o -> o != null && allowed.contains(o);
    }
}
