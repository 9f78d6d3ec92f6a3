package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.geminilive.camel.store.ConversationState;
import dev.geminilive.camel.store.ConversationStore;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** A conversation store that fails with an Error (not an exception) costs the conversation its durable memory, never an answer. */
class BrokenStoreTest extends EmulatorTestSupport {

    final AtomicInteger calls = new AtomicInteger();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("brokenStore", new ConversationStore() {
            @Override
            public Optional<ConversationState> load(String key) {
                calls.incrementAndGet();
                throw new LinkageError("store classes missing");
            }

            @Override
            public void save(String key, ConversationState state) {
                calls.incrementAndGet();
                throw new LinkageError("store classes missing");
            }

            @Override
            public void delete(String key) {
                throw new LinkageError("store classes missing");
            }
        });
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("chat", "model=" + MODEL_3 + "&conversationStore=#brokenStore&turnTimeout=5000"));
            }
        };
    }

    @Test
    void everyExchangeIsAnsweredWhileTheStoreThrowsErrors() {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:chat", "My name is Ada", String.class));
        assertEquals("Your name is Ada.", template.requestBody("direct:chat", "What is my name?", String.class),
                "the open session still remembers");
        assertEquals(true, calls.get() >= 2, "the store was asked and failed: " + calls.get());
    }
}
