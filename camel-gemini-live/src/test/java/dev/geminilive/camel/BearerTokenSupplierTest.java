package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Vertex AI with refreshing tokens: bearerTokenSupplier is asked for a token for every new connection. The emulator
 * allows one open session per credential here, so two conversations open at once prove two different tokens arrived.
 */
class BearerTokenSupplierTest extends EmulatorTestSupport {

    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> issued = new CopyOnWriteArrayList<>();
    private volatile boolean exhausted;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().maxSessionsPerKey(1);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        Supplier<String> tokens = () -> {
            if (exhausted) {
                return null;
            }
            String token = "ya29.token-" + calls.incrementAndGet();
            issued.add(token);
            return token;
        };
        context.getRegistry().bind("tokens", tokens);
        String vertex = "baseUrl=" + emulator.url() + "&backend=vertex&project=my-project&location=us-central1"
                        + "&model=gemini-live-2.5-flash&responseModalities=AUDIO";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:refreshing").to("gemini-live:refreshing?" + vertex + "&bearerTokenSupplier=#tokens");
                from("direct:fixed").to("gemini-live:fixed?" + vertex + "&bearerToken=ya29.fixed");
            }
        };
    }

    @Test
    void everyNewConnectionGetsAFreshTokenFromTheSupplier() {
        assertEquals(0, calls.get(), "no token is fetched before a connection is opened");
        assertEquals("You said: hi", template.requestBodyAndHeader("direct:refreshing", "hi", GeminiLiveConstants.CONVERSATION_ID, "a",
                String.class));
        assertEquals("You said: hello", template.requestBodyAndHeader("direct:refreshing", "hello", GeminiLiveConstants.CONVERSATION_ID,
                "b", String.class));
        assertEquals("You said: again", template.requestBodyAndHeader("direct:refreshing", "again", GeminiLiveConstants.CONVERSATION_ID,
                "a", String.class));
        assertEquals(List.of("ya29.token-1", "ya29.token-2"), issued, "one token per connection, none per exchange");
        assertEquals(2, emulator.sessions().stream().filter(s -> s.isOpen()).count(), "both sessions open at once");
        assertTrue(emulator.sessions().stream().allMatch(s -> s.path().vertex()));
    }

    @Test
    void aFixedTokenIsOneCredentialSoTheSecondSessionIsRefused() {
        assertEquals("You said: hi", template.requestBodyAndHeader("direct:fixed", "hi", GeminiLiveConstants.CONVERSATION_ID, "a",
                String.class));
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:fixed", "hi", GeminiLiveConstants.CONVERSATION_ID, "b", String.class));
        assertTrue(e.getCause().getMessage().contains("RESOURCE_EXHAUSTED: Maximum concurrent sessions"), e.getCause().getMessage());
    }

    @Test
    void aSupplierWithoutATokenFailsTheExchangeThatWouldConnect() {
        exhausted = true;
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:refreshing", "hi", String.class));
        assertEquals("bearerTokenSupplier returned no token", e.getCause().getMessage());
        assertEquals(0, emulator.sessions().size());
    }
}
