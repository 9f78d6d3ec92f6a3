package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;

import dev.geminilive.emulator.EmulatorSession;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Sessions open lazily and close when idle or when their routes stop. */
class LifecycleTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:idle").routeId("idle").to(uri("idle", "model=" + MODEL_3 + "&sessionIdleTimeout=300"));
                from("direct:stay").routeId("stay").to(uri("stay", "model=" + MODEL_3 + "&sessionIdleTimeout=0"));
            }
        };
    }

    @Test
    void noSessionOpensBeforeTheFirstExchange() throws Exception {
        Thread.sleep(200);
        assertEquals(0, emulator.sessions().size());
    }

    @Test
    void anIdleSessionClosesAndTheNextExchangeOpensAFreshOne() throws Exception {
        assertEquals("You said: one", template.requestBody("direct:idle", "one", String.class));
        EmulatorSession first = emulator.sessions().get(0);
        assertEquals(1000, first.awaitClose(Duration.ofSeconds(5)).code());
        assertEquals("You said: two", template.requestBody("direct:idle", "two", String.class));
        assertEquals(2, emulator.sessions().size());
    }

    @Test
    void stoppingTheRouteClosesItsSessions() throws Exception {
        assertEquals("You said: hello", template.requestBody("direct:stay", "hello", String.class));
        EmulatorSession session = emulator.sessions().get(0);
        context.getRouteController().stopRoute("stay");
        assertEquals(1000, session.awaitClose(Duration.ofSeconds(5)).code());
        assertFalse(session.isOpen());
    }
}
