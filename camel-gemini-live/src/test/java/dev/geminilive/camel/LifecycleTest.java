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

    @Test
    void stoppingTheContextEndsEveryThreadTheComponentStarted() throws Exception {
        try (org.apache.camel.CamelContext other = new org.apache.camel.impl.DefaultCamelContext()) {
            other.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ask").to(uri("threads", "model=" + MODEL_3 + "&toolTimeout=30000&turnTimeout=30000"));
                }
            });
            other.start();
            // answered turns leave the conversation's deadline check armed up to a turn timeout ahead
            for (int i = 0; i < 3; i++) {
                assertEquals("You said: turn " + i, other.createProducerTemplate().requestBody("direct:ask", "turn " + i, String.class));
            }
            String prefix = "Camel (" + other.getName() + ")";
            assertFalse(componentThreads(prefix).isEmpty(), "the component ran on its own threads");
            other.stop();
            await(() -> componentThreads(prefix).isEmpty(), Duration.ofSeconds(5),
                    "component threads ended after the context stopped: " + componentThreads(prefix));
        }
    }

    private static java.util.List<String> componentThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix) && n.contains("GeminiLive")).toList();
    }
}
