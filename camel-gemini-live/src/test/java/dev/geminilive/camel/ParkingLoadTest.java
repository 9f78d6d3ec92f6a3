package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.geminilive.camel.session.SessionGroup;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A thousand conversations of five turns each over three sessions, driven by 32 threads: every turn gets its own
 * answer, and every conversation still knows its name after being parked and resumed.
 */
class ParkingLoadTest extends EmulatorTestSupport {

    static final int CONVERSATIONS = 1000;
    static final int THREADS = 32;
    static final int SESSIONS = 3;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        // the emulator enforces the same limit: one session too many would be refused
        return GeminiLiveEmulator.builder().maxSessionsPerKey(SESSIONS).chunkDelay(Duration.ZERO).maxRecordedSessions(50);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("load", "model=" + MODEL_3 + "&maxConcurrentSessions=" + SESSIONS
                                                  + "&sessionAcquireTimeout=120000&turnTimeout=30000"));
            }
        };
    }

    @Test
    void aThousandConversationsOverThreeSessionsAllAnsweredAndAllRememberedAfterParking() throws Exception {
        AtomicInteger right = new AtomicInteger();
        AtomicInteger recalledAfterParking = new AtomicInteger();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong started = new AtomicLong(System.nanoTime());
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                work.add(threads.submit(() -> {
                    List<Integer> mine = new ArrayList<>();
                    for (int c = thread; c < CONVERSATIONS; c += THREADS) {
                        mine.add(c);
                    }
                    // each thread goes round its conversations turn by turn, so every conversation is parked between turns
                    for (int turn = 0; turn < 5; turn++) {
                        for (int c : mine) {
                            String id = "p" + c;
                            String question;
                            String expected;
                            if (turn == 0) {
                                question = "My name is N" + c;
                                expected = "Nice to meet you, N" + c + ".";
                            } else if (turn == 4) {
                                question = "What is my name?";
                                expected = "Your name is N" + c + ".";
                            } else {
                                question = id + " turn " + turn;
                                expected = "You said: " + question;
                            }
                            boolean parked = turn == 4 && group().session(id) == null;
                            long start = System.nanoTime();
                            String answer = ask(id, question);
                            latencies.add(System.nanoTime() - start);
                            if (expected.equals(answer)) {
                                right.incrementAndGet();
                                if (parked) {
                                    recalledAfterParking.incrementAndGet();
                                }
                            } else {
                                wrong.add(id + ": " + question + " -> " + answer);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long seconds = Math.max(1, (System.nanoTime() - started.get()) / 1_000_000_000L);
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("parking load: %d conversations x 5 turns over %d sessions in ~%d s: %d right, %d wrong, %d recalls after "
                          + "parking, %d parks; turn latency incl. waiting for a slot p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                CONVERSATIONS, SESSIONS, seconds, right.get(), wrong.size(), recalledAfterParking.get(), group().parkedCount(),
                sorted.get(sorted.size() / 2) / 1e6, sorted.get((int) (sorted.size() * 0.99)) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
        assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())));
        assertEquals(CONVERSATIONS * 5, right.get());
        assertTrue(recalledAfterParking.get() > CONVERSATIONS * 9 / 10,
                "nearly every recall question came after its conversation was parked: " + recalledAfterParking.get());
    }

    private String ask(String id, String text) {
        return template.requestBodyAndHeader("direct:ask", text, GeminiLiveConstants.CONVERSATION_ID, id, String.class);
    }

    private SessionGroup group() {
        return context.getComponent("gemini-live", GeminiLiveComponent.class).sessionGroup("load");
    }
}
