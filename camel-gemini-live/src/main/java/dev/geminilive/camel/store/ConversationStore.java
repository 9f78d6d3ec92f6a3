package dev.geminilive.camel.store;

import java.util.Optional;

/**
 * Where conversations are remembered between connections, sessions and restarts: the resumption handle and the turns
 * so far. Keys are {@code <endpoint name>/<conversation id>}. Implementations must be thread-safe; calls for one key
 * come in order, calls for different keys may come concurrently.
 *
 * <p>The component keeps one in-memory store by default; set the {@code conversationStore} option (a bean) or
 * {@code conversationStoreDirectory} (a {@link FileConversationStore}) to keep conversations across JVM restarts.
 */
public interface ConversationStore {

    /** @return what is known about the conversation, if anything */
    Optional<ConversationState> load(String key);

    /** Replaces what is known about the conversation. */
    void save(String key, ConversationState state);

    /** Forgets the conversation. */
    void delete(String key);
}
