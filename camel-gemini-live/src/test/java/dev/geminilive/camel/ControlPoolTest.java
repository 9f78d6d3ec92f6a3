package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.junit.jupiter.api.Test;

/** Opening, reconnecting and bookkeeping run on a bounded pool: a burst of connects does not start a thread each. */
class ControlPoolTest extends EmulatorTestSupport {

    private static final int CONVERSATIONS = 24;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().maxSessionsPerKey(CONVERSATIONS).chunkDelay(java.time.Duration.ZERO);
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        // the registry's profile of that id sizes the control pool
        context.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder(
                GeminiLiveComponent.CONTROL_POOL_PROFILE).poolSize(2).maxPoolSize(2).maxQueueSize(-1).build());
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("burst", "model=" + MODEL_3 + "&maxConcurrentSessions=100"));
            }
        };
    }

    @Test
    void aBurstOfConnectsRunsOnTheBoundedControlPoolAndEveryoneGetsTheirOwnAnswer() throws Exception {
        Set<String> controlThreads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().contains("GeminiLiveControl")) {
                        controlThreads.add(t.getName());
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        try {
            for (int i = 0; i < CONVERSATIONS; i++) {
                answers.add(template.asyncRequestBodyAndHeader("direct:chat", "My name is Caller" + i,
                        GeminiLiveConstants.CONVERSATION_ID, "c" + i));
            }
            for (int i = 0; i < CONVERSATIONS; i++) {
                assertEquals("Nice to meet you, Caller" + i + ".", answers.get(i).get(20, TimeUnit.SECONDS));
            }
            for (int i = 0; i < CONVERSATIONS; i++) {
                assertEquals("Your name is Caller" + i + ".", template.requestBodyAndHeader("direct:chat", "What is my name?",
                        GeminiLiveConstants.CONVERSATION_ID, "c" + i, String.class));
            }
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        assertEquals(CONVERSATIONS, emulator.sessions().size(), "one session per conversation");
        assertTrue(!controlThreads.isEmpty(), "the conversations opened on the control pool");
        assertTrue(controlThreads.size() <= 2, "control threads: " + controlThreads);
    }
}
