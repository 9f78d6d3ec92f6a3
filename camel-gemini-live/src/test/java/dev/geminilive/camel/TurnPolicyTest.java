package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.ClientMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Turn policy: by default the InOut turns of one conversation queue, one in flight, so each exchange gets the answer to
 * its own input; with turnPolicy=interrupt new input barges in, and the cut-off exchange never succeeds with an empty
 * body: it fails with GeminiLiveInterruptedException carrying the partial reply, or gets the partial reply when asked.
 */
class TurnPolicyTest extends EmulatorTestSupport {

    static final String LONG = "tell me a long story about " + "the sea and the wind and the boats ".repeat(12);

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(15));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:queue").to(uri("queue", "model=" + MODEL_3 + "&turnTimeout=60000"));
                from("direct:interrupt").to(uri("interrupt", "model=" + MODEL_3 + "&turnPolicy=interrupt"));
                from("direct:partial").to(uri("partial", "model=" + MODEL_3 + "&turnPolicy=interrupt&interruptedReply=partial"));
            }
        };
    }

    @Test
    void fiftyConcurrentExchangesOnOneConversationEachGetTheirOwnAnswerInOrder() throws Exception {
        int n = 50;
        List<String> completed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String question = "question " + i;
                answers.add(threads.submit(() -> {
                    go.await();
                    String answer = template.requestBodyAndHeader("direct:queue", question, GeminiLiveConstants.CONVERSATION_ID, "one",
                            String.class);
                    completed.add(question);
                    return answer;
                }));
            }
            go.countDown();
            for (int i = 0; i < n; i++) {
                assertEquals("You said: question " + i, answers.get(i).get(60, TimeUnit.SECONDS), "exchange " + i);
            }
        } finally {
            threads.shutdownNow();
        }
        List<String> heard = clientMessages(emulator.sessions().get(0)).stream().map(ClientMessage::realtimeInput)
                .filter(r -> r != null && r.text() != null).map(r -> r.text()).toList();
        assertEquals(n, heard.size(), "each input sent once");
        assertEquals(heard, completed, "answers came in the order the inputs were sent, one turn at a time");
        assertEquals(1, emulator.sessions().size());
    }

    @Test
    void withTurnPolicyInterruptNewInputCutsOffTheTurnAndThatExchangeFailsWithItsPartialReply() throws Exception {
        CompletableFuture<Exchange> first = askAsync("direct:interrupt", LONG);
        awaitModelOutput();
        Exchange second = template.request("direct:interrupt", e -> {
            e.getMessage().setBody("stop");
            e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, "c");
        });

        Exchange cut = first.get(10, TimeUnit.SECONDS);
        GeminiLiveInterruptedException e = assertInstanceOf(GeminiLiveInterruptedException.class, cut.getException());
        String partial = e.getPartialText();
        assertFalse(partial.isEmpty(), "some of the answer had come");
        assertTrue(("You said: " + LONG).startsWith(partial) && partial.length() < ("You said: " + LONG).length(), partial);
        assertTrue(e.getMessage().contains("conversation c was interrupted"), e.getMessage());
        assertNull(second.getException());
        assertEquals("You said: stop", second.getMessage().getBody(String.class));
    }

    @Test
    void withInterruptedReplyPartialTheCutOffExchangeGetsThePartialReplyAndTheHeader() throws Exception {
        CompletableFuture<Exchange> first = askAsync("direct:partial", LONG);
        awaitModelOutput();
        assertEquals("You said: stop", template.requestBodyAndHeader("direct:partial", "stop", GeminiLiveConstants.CONVERSATION_ID, "c",
                String.class));

        Exchange cut = first.get(10, TimeUnit.SECONDS);
        assertNull(cut.getException());
        String partial = cut.getMessage().getBody(String.class);
        assertFalse(partial.isEmpty());
        assertTrue(("You said: " + LONG).startsWith(partial) && partial.length() < ("You said: " + LONG).length(), partial);
        assertEquals(Boolean.TRUE, cut.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED));
    }

    private CompletableFuture<Exchange> askAsync(String route, String text) {
        return template.asyncSend(route, e -> {
            e.setPattern(org.apache.camel.ExchangePattern.InOut);
            e.getMessage().setBody(text);
            e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, "c");
        });
    }

    private void awaitModelOutput() throws Exception {
        await(() -> !emulator.sessions().isEmpty() && emulator.sessions().get(0).allFrames().stream()
                .anyMatch(f -> f.isOut() && f.json().contains("modelTurn")), Duration.ofSeconds(5), "the model to start answering");
    }
}
