package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.geminilive.audio.Pcm;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Where route code runs after the producer, and what a failed exchange leaves behind. */
class ThreadingTest extends EmulatorTestSupport {

    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<String> followUps = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("chat", "model=" + MODEL_3 + "&turnTimeout=1500"))
                        .process(e -> threads.add(Thread.currentThread().getName()));
                from("direct:deadlines").to(uri("deadlines", "model=" + MODEL_3 + "&turnTimeout=1500"));
                from("direct:limited").to(uri("limited", "model=" + MODEL_3 + "&maxConcurrentSessions=1&sessionAcquireTimeout=200"
                                                          + "&sessionIdleTimeout=0"));

                // a consumer that asks the model again, in the same conversation, for every turn it sees
                from("direct:talk").to(uri("loop", "model=" + MODEL_3));
                from(uri("loop", "aggregate=turn&events=turn"))
                        .filter(simple("${body.replyText} startsWith 'Nice to meet you'"))
                        .setBody(constant("What is my name?"))
                        .to(ExchangePattern.InOut, uri("loop", "model=" + MODEL_3))
                        .process(e -> followUps.add(e.getMessage().getBody(String.class)));
            }
        };
    }

    @Test
    void theRouteContinuesOnAWorkerThreadAfterWritesRepliesAndTimeouts() {
        template.sendBody("direct:chat", "inOnly");
        assertEquals("You said: inOut", template.requestBody("direct:chat", "inOut", String.class));
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(4));
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:chat", "no answer in time", String.class));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(2, threads.size(), threads.toString());
        for (String thread : threads) {
            assertFalse(thread.contains("Grizzly") || thread.contains("GeminiLiveTimer") || thread.contains("gemini-live-timer"),
                    "route code ran on " + thread);
        }
    }

    @Test
    void everyTurnTimesOutAtItsOwnDeadlineWithOneDeadlineCheckPerSession() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals("You said: turn " + i, template.requestBody("direct:deadlines", "turn " + i, String.class));
        }
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(6));
        long start = System.nanoTime();
        java.util.concurrent.CompletableFuture<Object> first = template.asyncRequestBody("direct:deadlines", "first unanswered");
        Thread.sleep(500);
        long secondStart = System.nanoTime();
        java.util.concurrent.CompletableFuture<Object> second = template.asyncRequestBody("direct:deadlines", "second, queued behind");
        java.util.concurrent.ExecutionException e1 = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> first.get(5, java.util.concurrent.TimeUnit.SECONDS));
        long firstMs = (System.nanoTime() - start) / 1_000_000;
        // the first's timeout moves the conversation to a new connection, where the second may be answered in time
        Object answer;
        try {
            answer = second.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e2) {
            assertInstanceOf(TimeoutException.class, e2.getCause().getCause());
            answer = null;
        }
        long secondMs = (System.nanoTime() - secondStart) / 1_000_000;
        assertInstanceOf(TimeoutException.class, e1.getCause().getCause());
        assertTrue(firstMs >= 1400 && firstMs < 2600, "first timed out after " + firstMs + " ms");
        assertTrue(secondMs < 2600, "second settled after " + secondMs + " ms: " + answer);
    }

    @Test
    void aConsumerRouteCanAskInTheSameConversationAndGetTheAnswer() throws Exception {
        template.sendBody("direct:talk", "My name is Ada");
        await(() -> !followUps.isEmpty(), Duration.ofSeconds(10), "the consumer's follow-up answer");
        assertEquals("Your name is Ada.", followUps.get(0));
    }

    @Test
    void anAudioStreamIsClosedWhenTheExchangeFailsBeforeSending() throws Exception {
        assertEquals("You said: first", template.requestBodyAndHeader("direct:limited", "first",
                GeminiLiveConstants.CONVERSATION_ID, "a", String.class));
        // conversation a is busy with a turn, so its session cannot be parked for b
        emulator.sessions().get(0).faults().stall(Duration.ofMillis(1000));
        var busy = template.asyncRequestBodyAndHeader("direct:limited", "second", GeminiLiveConstants.CONVERSATION_ID, "a");
        Thread.sleep(100);
        AtomicBoolean closed = new AtomicBoolean();
        ByteArrayInputStream audio = new ByteArrayInputStream(Pcm.speechLike(16000, 500, 1)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeaders(
                "direct:limited", audio, Map.of(GeminiLiveConstants.CONVERSATION_ID, "b",
                        GeminiLiveConstants.MIME_TYPE, "audio/pcm;rate=16000")));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(closed.get(), "the body's stream is closed when no session could take it");
        assertEquals("You said: second", busy.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }
}
