package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.geminilive.emulator.EmulatorSession;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * maxConcurrentSessions: a conversation that needs a session when all are open parks the least recently used idle one
 * (which keeps its memory), or, when every session is busy, waits its turn in order up to sessionAcquireTimeout.
 */
class SessionLimitTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:three").to(uri("three", "model=" + MODEL_3 + "&maxConcurrentSessions=3"));
                from("direct:one").to(uri("one", "model=" + MODEL_3 + "&maxConcurrentSessions=1&sessionAcquireTimeout=400"));
                from("direct:fifo").to(uri("fifo", "model=" + MODEL_3 + "&maxConcurrentSessions=1&turnTimeout=10000"));
            }
        };
    }

    @Test
    void aFourthConversationParksTheLeastRecentlyUsedOneWhichStillRemembersWhenItComesBack() throws Exception {
        for (String c : new String[] { "Ann", "Bob", "Cy" }) {
            assertEquals("Nice to meet you, " + c + ".", ask("direct:three", c, "My name is " + c));
        }
        assertEquals("Nice to meet you, Dee.", ask("direct:three", "Dee", "My name is Dee"), "answered without waiting");
        EmulatorSession ann = emulator.sessions().get(0);
        assertEquals(1000, ann.awaitClose(Duration.ofSeconds(5)).code(), "Ann's session, the least recently used, was parked cleanly");
        assertTrue(emulator.sessions().subList(1, 3).stream().allMatch(EmulatorSession::isOpen), "Bob and Cy keep theirs");

        assertEquals("Your name is Ann.", ask("direct:three", "Ann", "What is my name?"), "Ann resumes with her memory");
        assertEquals("Your name is Dee.", ask("direct:three", "Dee", "What is my name?"));
        assertTrue(emulator.sessions().stream().filter(EmulatorSession::isOpen).count() <= 3, "never more than three open");
        assertEquals(2, context.getComponent("gemini-live", GeminiLiveComponent.class).sessionGroup("three").parkedCount());
    }

    @Test
    void aConversationThatFindsEverySessionBusyFailsAfterTheAcquireTimeoutWithAClearError() throws Exception {
        assertEquals("You said: first", ask("direct:one", "a", "first"));
        CompletableFuture<Object> busy = busyTurn("direct:one", "a", "second", 1500);

        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> ask("direct:one", "b", "third"));
        TimeoutException timeout = assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(timeout.getMessage().contains("No free Gemini Live session for conversation b"), timeout.getMessage());
        assertTrue(timeout.getMessage().contains("1 of 1 sessions open (maxConcurrentSessions)"), timeout.getMessage());
        assertEquals("You said: second", busy.get(5, TimeUnit.SECONDS), "the busy turn was never parked");
    }

    @Test
    void conversationsWaitingForASlotGetItInTheOrderTheyAsked() throws Exception {
        assertEquals("You said: hold", ask("direct:fifo", "holder", "hold"));
        CompletableFuture<Object> busy = busyTurn("direct:fifo", "holder", "busy", 800);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Object>> waiting = new ArrayList<>();
        for (String c : new String[] { "w1", "w2", "w3", "w4" }) {
            waiting.add(template.asyncRequestBodyAndHeader("direct:fifo", "hi " + c, GeminiLiveConstants.CONVERSATION_ID, c)
                    .whenComplete((r, x) -> order.add(c)));
            Thread.sleep(50);
        }
        assertEquals("You said: busy", busy.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < waiting.size(); i++) {
            assertEquals("You said: hi w" + (i + 1), waiting.get(i).get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of("w1", "w2", "w3", "w4"), order);
        assertFalse(emulator.sessions().stream().filter(EmulatorSession::isOpen).count() > 1, "one session at a time");
    }

    @Test
    void endSessionClosesTheConversationAndFreesItsSlot() throws Exception {
        assertEquals("You said: first", ask("direct:one", "a", "first"));
        template.sendBodyAndHeaders("direct:one", "", java.util.Map.of(GeminiLiveConstants.MESSAGE_TYPE, "endSession",
                GeminiLiveConstants.CONVERSATION_ID, "a"));
        emulator.sessions().get(0).awaitClose(Duration.ofSeconds(5));
        assertEquals("You said: second", ask("direct:one", "b", "second"));
    }

    /** Starts a turn that the stalled server holds up for this long, so the conversation's session cannot be parked. */
    private CompletableFuture<Object> busyTurn(String route, String conversation, String text, long stallMillis)
            throws InterruptedException {
        emulator.sessions().get(0).faults().stall(Duration.ofMillis(stallMillis));
        CompletableFuture<Object> busy = template.asyncRequestBodyAndHeader(route, text, GeminiLiveConstants.CONVERSATION_ID, conversation);
        Thread.sleep(100);
        return busy;
    }

    private String ask(String route, String conversation, String text) {
        return template.requestBodyAndHeader(route, text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }
}
