package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Input sent in the instant a connection drops, before the component has noticed, is answered on the next one. */
class DropRaceTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("race", "model=" + MODEL_3 + "&reconnectInitialDelay=10&turnTimeout=10000"));
            }
        };
    }

    @Test
    void aQuestionSentAsTheConnectionDropsIsAnsweredNotFailed() {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:chat", "My name is Ada", String.class));
        for (int i = 0; i < 15; i++) {
            emulator.lastSession().orElseThrow().faults().drop();
            // no pause: the write races the drop
            assertEquals("You said: question " + i, template.requestBody("direct:chat", "question " + i, String.class));
        }
        assertEquals("Your name is Ada.", template.requestBody("direct:chat", "What is my name?", String.class));
        assertTrue(emulator.sessions().size() >= 16, "each drop was followed by a new connection: " + emulator.sessions().size());
    }
}
