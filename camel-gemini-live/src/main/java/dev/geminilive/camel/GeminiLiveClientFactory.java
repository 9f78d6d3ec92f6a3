package dev.geminilive.camel;

import dev.geminilive.client.LiveClient;

/**
 * Creates the {@link LiveClient}s that the component's sessions connect with: one per distinct set of client options.
 * A bean of this type in the registry is autowired into the component, so an application can tune what the options do
 * not cover (e.g. {@code maxIncomingMessageBytes}, hostname verification) or count and wrap what is created.
 */
@FunctionalInterface
public interface GeminiLiveClientFactory {

    /**
     * @param options the endpoint's connection options
     * @return a new client; the component closes it when it stops
     */
    LiveClient createClient(LiveClientOptions options);

    /** The factory the component uses when the registry has none: {@link LiveClientOptions#builder()} as it is. */
    static GeminiLiveClientFactory defaults() {
        return options -> options.builder().build();
    }
}
