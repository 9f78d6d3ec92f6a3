package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.geminilive.client.LiveClientException;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A conversation outlives its connections: goAway handovers, drops and stalls keep its memory, its input and its
 * answers; fatal closes end it with one attempt and a clear error. The emulator here refuses a resume while the old
 * connection is open (as reported of Google), so the component learns to hand over close-first.
 */
class ContinuityTest extends EmulatorTestSupport {

    final AtomicInteger reconnected = new AtomicInteger();
    final List<Exchange> turns = new CopyOnWriteArrayList<>();
    final AtomicInteger slowReconnected = new AtomicInteger();

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().rejectResumeWhileConnected(true);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("chat", "model=" + MODEL_3 + "&reconnectInitialDelay=50"));
                from(uri("chat", "events=reconnected")).process(e -> reconnected.incrementAndGet());
                from(uri("chat", "aggregate=turn&events=turn")).process(e -> turns.add(e.copy()));
                from("direct:slow").to(uri("slow", "model=" + MODEL_3 + "&turnTimeout=1000&activityHandling=NO_INTERRUPTION"));
                from(uri("slow", "events=reconnected")).process(e -> slowReconnected.incrementAndGet());
                from("direct:badModel").to(uri("bad", "model=gemini-0.1-not-a-model&reconnectInitialDelay=50"));
            }
        };
    }

    private String ask(String conversation, String text) {
        return template.requestBodyAndHeader("direct:ask", text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }

    /** Sends goAway on the conversation's current connection and waits until the conversation is on the next one. */
    private void handOver() throws Exception {
        int before = reconnected.get();
        EmulatorSession live = emulator.sessions().stream().filter(EmulatorSession::isOpen).reduce((a, b) -> b).orElseThrow();
        live.faults().goAway(Duration.ofSeconds(5));
        await(() -> reconnected.get() > before, Duration.ofSeconds(10), "reconnected after goAway");
    }

    @Test
    void aFactToldBeforeTwentyHandoversIsRecalledAfterThem() throws Exception {
        assertEquals("Nice to meet you, Bob.", ask("bob", "My name is Bob"));
        for (int i = 0; i < 20; i++) {
            handOver();
        }
        assertEquals("Your name is Bob.", ask("bob", "What is my name?"));
        List<EmulatorSession> accepted = emulator.sessions().stream().filter(s -> s.setup().isPresent()
                && s.closeStatus().map(c -> c.code() != 1011 || !c.reason().contains("still in use")).orElse(true)).toList();
        assertEquals(21, accepted.size(), "one connection per handover, plus the first");
        assertTrue(accepted.subList(1, accepted.size()).stream().allMatch(EmulatorSession::resumed), "every handover resumed");
        assertEquals(1, accepted.stream().map(EmulatorSession::conversationId).distinct().count(), "one server-side session");
    }

    @Test
    void aTextTurnSentDuringAHandoverIsAnsweredExactlyOnce() throws Exception {
        assertEquals("Nice to meet you, Ann.", ask("ann", "My name is Ann"));
        EmulatorSession live = emulator.lastSession().orElseThrow();
        int before = reconnected.get();
        live.faults().goAway(Duration.ofSeconds(5));
        CompletableFuture<String> during = template.asyncRequestBodyAndHeader("direct:ask", "during the swap",
                GeminiLiveConstants.CONVERSATION_ID, "ann", String.class);
        assertEquals("You said: during the swap", during.get(10, TimeUnit.SECONDS));
        await(() -> reconnected.get() > before, Duration.ofSeconds(5), "reconnected");
        assertEquals("Your name is Ann.", ask("ann", "What is my name?"));
        Thread.sleep(300); // a second answer, were there one, would arrive by now
        List<String> answers = turns.stream().map(t -> t.getMessage().getBody(LiveTurn.class).outputTranscription()).toList();
        assertEquals(1, answers.stream().filter("You said: during the swap"::equals).count(), "answered exactly once: " + answers);
    }

    @Test
    void aStalledTurnFailsWithinTurnTimeoutAndTheNextExchangeGetsItsOwnAnswer() throws Exception {
        assertEquals("You said: question A", template.requestBody("direct:slow", "question A", String.class));
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(3));
        long start = System.nanoTime();
        CamelExecutionException timedOut = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:slow", "question B", String.class));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(TimeoutException.class, timedOut.getCause());
        assertTrue(timedOut.getCause().getMessage().contains("turnTimeout"), timedOut.getCause().getMessage());
        assertTrue(tookMillis < 2500, "failed after " + tookMillis + " ms");
        // the stalled connection is recycled: once the server is back, the late answer to B never reaches C
        await(() -> slowReconnected.get() > 0, Duration.ofSeconds(10), "the stalled connection replaced");
        assertEquals("You said: question C", template.requestBody("direct:slow", "question C", String.class));
        assertEquals("You said: question D", template.requestBody("direct:slow", "question D", String.class));
    }

    @Test
    void aClose1007EndsTheSessionWithoutRetryAndTheNextInputGoesOnWithTheConversationsMemory() throws Exception {
        assertEquals("Nice to meet you, Eve.", ask("eve", "My name is Eve"));
        int connections = emulator.sessions().size();
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(2));
        CompletableFuture<String> waiting = template.asyncRequestBodyAndHeader("direct:ask", "hello?",
                GeminiLiveConstants.CONVERSATION_ID, "eve", String.class);
        Thread.sleep(200);
        emulator.lastSession().orElseThrow().faults().close(1007, "Request contains an invalid argument.");
        ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> waiting.get(5, TimeUnit.SECONDS));
        LiveClientException closed = assertInstanceOf(LiveClientException.class, rootCause(failed));
        assertEquals(1007, closed.close().code());
        assertTrue(closed.getMessage().contains("Request contains an invalid argument."), closed.getMessage());
        Thread.sleep(500);
        assertEquals(connections, emulator.sessions().size(), "no reconnect after 1007");
        assertEquals("Your name is Eve.", ask("eve", "What is my name?"));
    }

    @Test
    void anUnknownModelGivesOneAttemptAndTheServersReason() throws Exception {
        CamelExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:badModel", "hi", String.class));
        LiveClientException refused = assertInstanceOf(LiveClientException.class, rootCause(failed));
        assertEquals(1008, refused.close().code());
        assertTrue(refused.getMessage().contains("is not found for API version"), refused.getMessage());
        Thread.sleep(500);
        assertEquals(1, emulator.sessions().size(), "one attempt, no reconnect loop");
    }

    static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}
