package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.geminilive.emulator.AuthTokenSpec;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral tokens that are good for one session each: authTokenSupplier mints a fresh one for every new connection, so
 * a conversation goes on across reconnects although each token is used up by the connection it opened.
 */
class AuthTokenSupplierTest extends EmulatorTestSupport {

    private final List<String> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger reconnected = new AtomicInteger();
    private volatile boolean exhausted;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        // only tokens the emulator minted are accepted on the Constrained path
        return GeminiLiveEmulator.builder().authToken("auth_tokens/never-minted");
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        Supplier<String> tokens = () -> {
            if (exhausted) {
                return null;
            }
            String token = emulator.createAuthToken(AuthTokenSpec.builder().uses(1).build());
            issued.add(token);
            return token;
        };
        context.getRegistry().bind("tokens", tokens);
        String base = "baseUrl=" + emulator.url() + "&model=" + MODEL_3 + "&reconnectInitialDelay=50";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("gemini-live:chat?" + base + "&authTokenSupplier=#tokens");
                // a consumer-only endpoint opens no connection, so it starts without any credential
                from("gemini-live:chat?" + base + "&events=reconnected").process(e -> reconnected.incrementAndGet());
            }
        };
    }

    private String ask(String conversation, String text) {
        return template.requestBodyAndHeader("direct:ask", text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }

    private EmulatorSession openSession() {
        return emulator.sessions().stream().filter(EmulatorSession::isOpen).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aFreshOneUseTokenPerConnectionKeepsTheConversationGoingAcrossAForcedReconnect() throws Exception {
        assertTrue(issued.isEmpty(), "no token is fetched before a connection is opened");
        assertEquals("Nice to meet you, Bob.", ask("bob", "My name is Bob"));
        EmulatorSession first = openSession();
        assertTrue(first.path().constrained(), "a token dials the Constrained endpoint");
        assertEquals("v1alpha", first.path().apiVersion());
        assertEquals(Optional.of(1), emulator.authTokenUses(issued.get(0)), "the first token is used up");

        first.faults().close(1011, "Internal error occurred.");
        await(() -> reconnected.get() > 0, Duration.ofSeconds(10), "reconnected after the 1011 close");

        assertEquals("Your name is Bob.", ask("bob", "What is my name?"));
        assertEquals(2, issued.size(), "one token per connection: " + issued.size());
        assertEquals(2, issued.stream().distinct().count());
        List<EmulatorSession> accepted = emulator.sessions().stream().filter(s -> s.setup().isPresent()).toList();
        assertEquals(2, accepted.size());
        assertTrue(accepted.stream().allMatch(s -> s.path().constrained()));

        // and again on a goAway handover
        int before = reconnected.get();
        openSession().faults().goAway(Duration.ofSeconds(5));
        await(() -> reconnected.get() > before, Duration.ofSeconds(10), "reconnected after goAway");
        assertEquals("Your name is Bob.", ask("bob", "What is my name?"));
        // a handover may take two attempts (a resume refused while the old connection is open, then close-first): each
        // connection attempt asked for its own token
        assertEquals(emulator.sessions().size(), issued.size(), "one token per connection attempt");
        assertEquals(issued.size(), issued.stream().distinct().count());
        assertTrue(issued.stream().allMatch(t -> emulator.authTokenUses(t).orElseThrow() <= 1));
    }

    @Test
    void aSupplierWithoutATokenFailsTheExchangeThatWouldConnect() {
        exhausted = true;
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> ask("x", "hi"));
        assertEquals("authTokenSupplier returned no token", e.getCause().getMessage());
        assertEquals(0, emulator.sessions().size());
    }
}
