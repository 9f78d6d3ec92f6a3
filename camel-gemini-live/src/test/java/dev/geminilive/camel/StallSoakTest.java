package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Under random server stalls (longer than turnTimeout) and drops, with activityHandling=NO_INTERRUPTION: every answer
 * an exchange gets is the answer to its own question, and every exchange ends within its timeout.
 */
class StallSoakTest extends EmulatorTestSupport {

    static final int CONVERSATIONS = 20;
    static final int TURNS = 10;
    static final long TURN_TIMEOUT = 700;
    static final long SETUP_TIMEOUT = 3000;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().maxSessionsPerKey(CONVERSATIONS * 3).chunkDelay(Duration.ofMillis(1));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("soak", "model=" + MODEL_3 + "&turnTimeout=" + TURN_TIMEOUT + "&setupTimeout=" + SETUP_TIMEOUT
                                                  + "&activityHandling=NO_INTERRUPTION&maxConcurrentSessions=" + CONVERSATIONS
                                                  + "&reconnectInitialDelay=20"));
            }
        };
    }

    @Test
    void randomStallsAndDropsGiveNoWrongAnswerAndNoHungExchange() throws Exception {
        AtomicInteger right = new AtomicInteger();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger hung = new AtomicInteger();
        AtomicInteger faults = new AtomicInteger();
        List<String> wrongOnes = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> slowOnes = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CONVERSATIONS + 1);
        try {
            pool.execute(() -> {
                while (running.get()) {
                    List<EmulatorSession> open = emulator.sessions().stream().filter(EmulatorSession::isOpen).toList();
                    if (!open.isEmpty()) {
                        EmulatorSession victim = open.get(ThreadLocalRandom.current().nextInt(open.size()));
                        if (ThreadLocalRandom.current().nextInt(3) == 0) {
                            victim.faults().drop();
                        } else {
                            victim.faults().stall(Duration.ofMillis(TURN_TIMEOUT + 300 + ThreadLocalRandom.current().nextInt(800)));
                        }
                        faults.incrementAndGet();
                    }
                    sleep(150);
                }
            });
            List<Future<?>> talks = new ArrayList<>();
            for (int c = 0; c < CONVERSATIONS; c++) {
                String id = "c" + c;
                talks.add(pool.submit(() -> {
                    for (int t = 0; t < TURNS; t++) {
                        String question = id + " question " + t;
                        long start = System.nanoTime();
                        String outcome;
                        try {
                            String answer = template.requestBodyAndHeader("direct:ask", question, GeminiLiveConstants.CONVERSATION_ID, id,
                                    String.class);
                            outcome = answer;
                            if (("You said: " + question).equals(answer)) {
                                right.incrementAndGet();
                            } else {
                                wrong.incrementAndGet();
                                wrongOnes.add(question + " -> " + answer);
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                            outcome = String.valueOf(e.getCause() != null ? e.getCause() : e);
                        }
                        long took = (System.nanoTime() - start) / 1_000_000;
                        // the first turn of a conversation also opens its session, bounded by setupTimeout
                        long bound = TURN_TIMEOUT + 1000 + (t == 0 ? SETUP_TIMEOUT : 0);
                        if (took > bound) {
                            hung.incrementAndGet();
                            slowOnes.add(question + " took " + took + " ms: " + outcome);
                        }
                    }
                }));
            }
            for (Future<?> f : talks) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        }
        System.out.printf("stall soak: %d right, %d wrong, %d failed, %d over their bound, %d faults injected%n", right.get(),
                wrong.get(), failed.get(), hung.get(), faults.get());
        assertEquals(List.of(), wrongOnes, "answers given to the wrong exchange");
        assertEquals(List.of(), slowOnes, "exchanges that outlived their timeout");
        assertEquals(CONVERSATIONS * TURNS, right.get() + failed.get());
        assertTrue(right.get() > 0 && failed.get() > 0, "the faults hit some turns and spared others");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
