package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A server that drops idle connections makes an idle conversation reconnect, but reconnects are not use: the
 * conversation still reaches sessionIdleTimeout and lets its slot go, and comes back with its memory when spoken to.
 */
class IdleReconnectTest extends EmulatorTestSupport {

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().idleTimeout(Duration.ofMillis(150));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("idle", "model=" + MODEL_3 + "&sessionIdleTimeout=1000&reconnectInitialDelay=10"));
            }
        };
    }

    @Test
    void anIdleConversationStopsReconnectingOnceItsIdleTimeoutPasses() throws Exception {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:chat", "My name is Ada", String.class));
        Thread.sleep(2500);
        int settled = emulator.sessions().size();
        Thread.sleep(1500);
        assertEquals(settled, emulator.sessions().size(), "no more connections once the conversation was let go");
        assertTrue(settled < 12, "the reconnects stopped at sessionIdleTimeout: " + settled + " connections");
        assertEquals("Your name is Ada.", template.requestBody("direct:chat", "What is my name?", String.class));
    }
}
