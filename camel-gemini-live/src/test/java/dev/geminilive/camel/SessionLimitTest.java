package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.geminilive.emulator.EmulatorSession;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** maxConcurrentSessions: a further conversation waits for a free slot instead of being refused by the server. */
class SessionLimitTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:idle").to(uri("limited", "model=" + MODEL_3 + "&maxConcurrentSessions=3&sessionIdleTimeout=1500"));
                from("direct:strict").to(uri("strict", "model=" + MODEL_3 + "&maxConcurrentSessions=1&sessionIdleTimeout=0"
                                                       + "&sessionAcquireTimeout=300"));
            }
        };
    }

    @Test
    void aFourthConversationWaitsForAFreeSlotAndThenProceeds() throws Exception {
        for (String c : new String[] { "one", "two", "three" }) {
            assertEquals("You said: hi " + c, ask("direct:idle", c, "hi " + c));
        }
        CompletableFuture<Object> fourth = template.asyncRequestBodyAndHeader("direct:idle", "hi four",
                GeminiLiveConstants.CONVERSATION_ID, "four");
        Thread.sleep(400);
        assertFalse(fourth.isDone(), "the fourth conversation must wait while three sessions are open");
        assertEquals(3, emulator.sessions().size(), "no fourth connection while three are open");

        assertEquals("You said: hi four", fourth.get(10, TimeUnit.SECONDS));
        assertEquals(4, emulator.sessions().size());
        long openAtOnce = emulator.sessions().stream().filter(EmulatorSession::isOpen).count();
        assertTrue(openAtOnce <= 3, "never more than 3 sessions open: " + openAtOnce);
    }

    @Test
    void aConversationThatFindsNoSlotInTimeFailsWithAClearError() throws Exception {
        assertEquals("You said: first", ask("direct:strict", "a", "first"));
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> ask("direct:strict", "b", "second"));
        TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(timeout.getMessage().contains("No free Gemini Live session for conversation b"), timeout.getMessage());
        assertTrue(timeout.getMessage().contains("1 of 1 sessions open (maxConcurrentSessions)"), timeout.getMessage());
    }

    @Test
    void endSessionClosesTheConversationAndFreesItsSlot() throws Exception {
        assertEquals("You said: first", ask("direct:strict", "a", "first"));
        template.sendBodyAndHeader("direct:strict", null, GeminiLiveConstants.MESSAGE_TYPE, "endSession");
        template.sendBodyAndHeaders("direct:strict", "", java.util.Map.of(GeminiLiveConstants.MESSAGE_TYPE, "endSession",
                GeminiLiveConstants.CONVERSATION_ID, "a"));
        emulator.sessions().get(0).awaitClose(java.time.Duration.ofSeconds(5));
        assertEquals("You said: second", ask("direct:strict", "b", "second"));
    }

    private String ask(String route, String conversation, String text) throws InterruptedException, ExecutionException {
        return template.requestBodyAndHeader(route, text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }
}
