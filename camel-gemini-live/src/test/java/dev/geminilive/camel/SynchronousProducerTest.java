package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** synchronous=true: the caller waits for its exchange and goes on with the route itself. */
class SynchronousProducerTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sync").to(uri("sync", "model=" + MODEL_3 + "&synchronous=true&turnTimeout=1500"))
                        .setHeader("wentOnOn", method(Thread.class, "currentThread().getName()"));
            }
        };
    }

    @Test
    void theRouteGoesOnOnTheCallersOwnThreadWithItsAnswer() {
        Exchange reply = template.request("direct:sync", e -> e.getMessage().setBody("Where does the route go on?"));
        assertEquals("You said: Where does the route go on?", reply.getMessage().getBody(String.class));
        assertEquals(Thread.currentThread().getName(), reply.getMessage().getHeader("wentOnOn"));

        template.sendBody("direct:sync", "an InOnly turn");
        ThreadPoolExecutor workers = (ThreadPoolExecutor) context.getComponent("gemini-live", GeminiLiveComponent.class).workers();
        long tasksBefore = workers.getTaskCount();
        for (int i = 0; i < 30; i++) {
            // the next question follows at once: it must not wait for the last turn's hand-over on a worker either
            String question = "And the next one? " + i;
            Exchange next = template.request("direct:sync", e -> e.getMessage().setBody(question));
            assertEquals("You said: " + question, next.getMessage().getBody(String.class));
            assertEquals(Thread.currentThread().getName(), next.getMessage().getHeader("wentOnOn"));
        }
        assertEquals(tasksBefore, workers.getTaskCount(), "turns on an open session need no worker");
    }

    @Test
    void aConversationsFirstTurnTakesNoWorkerEither() {
        ThreadPoolExecutor workers = (ThreadPoolExecutor) context.getComponent("gemini-live", GeminiLiveComponent.class).workers();
        long tasksBefore = workers.getTaskCount();
        for (int i = 0; i < 3; i++) {
            // each a new conversation: its input goes out where the session's opening finished, and no consumer listens
            // for the connection events
            String question = "First words of conversation " + i;
            assertEquals("You said: " + question, template.requestBodyAndHeader("direct:sync", question,
                    GeminiLiveConstants.CONVERSATION_ID, "first-" + i, String.class));
        }
        assertEquals(tasksBefore, workers.getTaskCount(), "opening a conversation for a turn needs no worker");
    }

    @Test
    void concurrentCallersEachGetTheAnswerToTheirOwnQuestion() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                answers.add(callers.submit(() -> {
                    Exchange reply = template.request("direct:sync", e -> {
                        e.getMessage().setBody("question " + n);
                        e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, "caller-" + n % 3);
                    });
                    if (reply.getException() != null) {
                        throw reply.getException();
                    }
                    assertEquals(Thread.currentThread().getName(), reply.getMessage().getHeader("wentOnOn"));
                    return reply.getMessage().getBody(String.class);
                }));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("You said: question " + i, answers.get(i).get(20, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallerWhoseAnswerDoesNotComeIsReleasedAtTheTurnTimeout() {
        assertEquals("You said: first", template.requestBody("direct:sync", "first", String.class));
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(4));
        long start = System.nanoTime();
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeaders("direct:sync", "no answer in time", Map.of(), String.class));
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(waitedMs >= 1400 && waitedMs < 3000, "released after " + waitedMs + " ms, turnTimeout 1500 ms");
    }
}
