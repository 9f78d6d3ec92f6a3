package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.geminilive.client.LiveClientException;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Session duration limits (15 min audio, 2 min with video, shortened here) end a session with 1008; the conversation
 * goes on in a new session re-seeded from its history, and context window compression lifts the limit.
 */
class SessionDurationTest extends EmulatorTestSupport {

    final List<Exchange> disconnects = new CopyOnWriteArrayList<>();

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().audioSessionLimit(Duration.ofMillis(1500));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:plain").to(uri("plain", "model=" + MODEL_3));
                from(uri("plain", "events=disconnected")).process(e -> disconnects.add(e.copy()));
                from("direct:compressed").to(uri("compressed", "model=" + MODEL_3 + "&contextWindowCompression=true"
                                                               + "&triggerTokens=20000&targetTokens=10000"));
            }
        };
    }

    @Test
    void atTheSessionLimitTheConversationGoesOnInANewSessionSeededWithItsHistory() throws Exception {
        assertEquals("Nice to meet you, Sam.", template.requestBody("direct:plain", "My name is Sam", String.class));
        await(() -> !disconnects.isEmpty(), Duration.ofSeconds(5), "the session limit");
        assertEquals(1008, disconnects.get(0).getMessage().getHeader(GeminiLiveConstants.CLOSE_CODE));
        assertEquals("Your name is Sam.", template.requestBody("direct:plain", "What is my name?", String.class));
        assertTrue(emulator.lastSession().orElseThrow().setup().isPresent());
        assertTrue(!emulator.lastSession().orElseThrow().resumed(), "a new session, not a resume of the ended one");
    }

    @Test
    void withContextWindowCompressionTheSessionOutlivesTheLimit() throws Exception {
        assertEquals("Nice to meet you, Kim.", template.requestBody("direct:compressed", "My name is Kim", String.class));
        Thread.sleep(2000);
        assertEquals("Your name is Kim.", template.requestBody("direct:compressed", "What is my name?", String.class));
        assertEquals(1, emulator.sessions().size(), "still the first connection");
    }

    @Test
    void noSetupCompleteWithinSetupTimeoutFailsTheExchangeWithATimeoutError() throws Exception {
        try (GeminiLiveEmulator slow = GeminiLiveEmulator.builder().frameDelay(Duration.ofSeconds(2)).start()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:slowSetup").to("gemini-live:slowSetup?baseUrl=" + slow.url() + "&apiKey=" + KEY + "&model=" + MODEL_3
                                                + "&setupTimeout=300");
                }
            });
            long start = System.nanoTime();
            CamelExecutionException e = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("direct:slowSetup", "hi", String.class));
            long took = (System.nanoTime() - start) / 1_000_000;
            LiveClientException cause = assertInstanceOf(LiveClientException.class, ContinuityTest.rootCause(e));
            assertTrue(cause.getMessage().contains("No setupComplete from Gemini Live within PT0.3S"), cause.getMessage());
            assertTrue(took < 1500, "failed after " + took + " ms");
        }
    }
}
