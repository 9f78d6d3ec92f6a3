package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.geminilive.camel.store.ConversationState;
import dev.geminilive.camel.store.FileConversationStore;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the file store, a conversation goes on after its CamelContext (or JVM) stopped and started again. */
class RestartTest {

    @TempDir
    Path store;

    GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().start();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private CamelContext start(GeminiLiveEmulator server) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("gemini-live:chat?baseUrl=" + server.url() + "&apiKey=test-key&model="
                                      + EmulatorTestSupport.MODEL_3 + "&conversationStoreDirectory=" + store);
            }
        });
        context.start();
        return context;
    }

    private static String ask(CamelContext context, String text) {
        ProducerTemplate template = context.createProducerTemplate();
        return template.requestBodyAndHeader("direct:ask", text, GeminiLiveConstants.CONVERSATION_ID, "ada", String.class);
    }

    @Test
    void afterARestartTheConversationResumesItsSessionByHandle() throws Exception {
        CamelContext first = start(emulator);
        assertEquals("Nice to meet you, Ada.", ask(first, "My name is Ada"));
        FileConversationStore files = new FileConversationStore(store);
        EmulatorTestSupport.await(() -> files.load("chat/ada").map(ConversationState::handleIsCurrent).orElse(false),
                Duration.ofSeconds(5), "the handle that follows the turn");
        first.stop();

        CamelContext second = start(emulator);
        try {
            assertEquals("Your name is Ada.", ask(second, "What is my name?"));
            EmulatorSession last = emulator.lastSession().orElseThrow();
            assertTrue(last.resumed(), "the new context resumed the server-side session");
        } finally {
            second.stop();
        }
    }

    @Test
    void afterARestartWithTheHandleRefusedTheConversationIsReSeededFromItsHistory() throws Exception {
        CamelContext first = start(emulator);
        assertEquals("Nice to meet you, Ada.", ask(first, "My name is Ada"));
        assertEquals("I will remember: the blue door.", ask(first, "Remember the blue door"));
        first.stop();
        ConversationState saved = new FileConversationStore(store).load("chat/ada").orElseThrow();
        assertEquals(4, saved.history().size(), "two turns of the user and two of the model");

        // a new server knows none of the old handles: the resume is refused and history re-seeds a new session
        try (GeminiLiveEmulator other = GeminiLiveEmulator.builder().start()) {
            CamelContext second = start(other);
            try {
                assertEquals("Your name is Ada.", ask(second, "What is my name?"));
                assertEquals("You asked me to remember: the blue door.", ask(second, "What did I ask you to remember?"));
                EmulatorSession accepted = other.sessions().stream().filter(s -> s.setup().isPresent()
                        && s.closeStatus().map(c -> c.code() != 1007).orElse(true)).findFirst().orElseThrow();
                assertFalse(accepted.resumed(), "a new session");
                assertTrue(clientContentSeeded(accepted), "history sent as clientContent");
            } finally {
                second.stop();
            }
        }
        assertTrue(Files.list(store).anyMatch(p -> p.toString().endsWith(".json")));
    }

    private static boolean clientContentSeeded(EmulatorSession session) {
        return session.allFrames().stream().filter(f -> f.isIn() && f.client() != null).map(f -> f.client())
                .anyMatch(m -> m.clientContent() != null && m.clientContent().turns() != null && m.clientContent().turns().size() >= 4);
    }
}
