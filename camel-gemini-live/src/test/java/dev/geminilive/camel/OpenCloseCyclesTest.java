package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Conversations opened and ended a thousand times leave nothing behind: no thread, connection or slot. */
class OpenCloseCyclesTest extends EmulatorTestSupport {

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ZERO);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("chat", "model=" + MODEL_3));
            }
        };
    }

    private String ask(String conversation, String text) {
        return template.requestBodyAndHeader("direct:ask", text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }

    @Test
    void thousandOpenCloseCyclesLeakNoThreadSocketOrSession() throws Exception {
        assertEquals("You said: warm up", ask("warm", "warm up"));
        template.sendBodyAndHeaders("direct:ask", "", java.util.Map.of(GeminiLiveConstants.CONVERSATION_ID, "warm",
                GeminiLiveConstants.MESSAGE_TYPE, "endSession"));
        await(() -> emulator.sessions().stream().noneMatch(EmulatorSession::isOpen), Duration.ofSeconds(5), "warm-up closed");
        int threadsBefore = Thread.activeCount();
        GeminiLiveComponent component = context.getComponent("gemini-live", GeminiLiveComponent.class);
        for (int i = 0; i < 1000; i++) {
            String id = "cycle-" + i;
            assertEquals("You said: n" + i, ask(id, "n" + i));
            template.sendBodyAndHeaders("direct:ask", "", java.util.Map.of(GeminiLiveConstants.CONVERSATION_ID, id,
                    GeminiLiveConstants.MESSAGE_TYPE, "endSession"));
        }
        await(() -> emulator.sessions().stream().noneMatch(EmulatorSession::isOpen), Duration.ofSeconds(10),
                "every server-side connection closed");
        await(() -> component.sessionGroup("chat").conversations().isEmpty(), Duration.ofSeconds(10), "every slot freed");
        // the bounded control pool may have grown to its size during the cycles; anything beyond that is a leak
        int allowed = threadsBefore + 8 + GeminiLiveComponent.defaultControlThreads();
        await(() -> Thread.activeCount() <= allowed, Duration.ofSeconds(10),
                "threads back near " + threadsBefore + " (now " + Thread.activeCount() + ")");
    }

}
