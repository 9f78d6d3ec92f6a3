package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.geminilive.camel.store.ConversationState;
import dev.geminilive.camel.store.ConversationStore;
import dev.geminilive.camel.store.InMemoryConversationStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** The registry's one ConversationStore bean keeps conversations without the route naming it. */
class AutowiredStoreTest extends EmulatorTestSupport {

    private final Set<String> saved = ConcurrentHashMap.newKeySet();

    @Override
    protected void bindToRegistry(Registry registry) {
        InMemoryConversationStore memory = new InMemoryConversationStore();
        registry.bind("applicationStore", new ConversationStore() {
            @Override
            public Optional<ConversationState> load(String key) {
                return memory.load(key);
            }

            @Override
            public void save(String key, ConversationState state) {
                saved.add(key);
                memory.save(key, state);
            }

            @Override
            public void delete(String key) {
                memory.delete(key);
            }
        });
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("chat", ""));
            }
        };
    }

    @Test
    void theOnlyStoreInTheRegistryKeepsTheConversation() {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:chat", "My name is Ada", String.class));
        assertTrue(saved.contains("chat/default"), "saved: " + saved);
    }
}
