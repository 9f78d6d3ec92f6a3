package dev.geminilive.camel.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps conversations in this JVM only: they survive reconnects and route restarts, not a JVM restart. */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, ConversationState> states = new ConcurrentHashMap<>();

    @Override
    public Optional<ConversationState> load(String key) {
        return Optional.ofNullable(states.get(key));
    }

    @Override
    public void save(String key, ConversationState state) {
        states.put(key, state);
    }

    @Override
    public void delete(String key) {
        states.remove(key);
    }

    /** @return how many conversations are remembered */
    public int size() {
        return states.size();
    }
}
