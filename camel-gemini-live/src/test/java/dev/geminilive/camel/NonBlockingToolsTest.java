package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.FunctionResponse;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * NON_BLOCKING functions on a 2.5 model: the model goes on talking while the tool runs, and the result's scheduling
 * decides what happens when it arrives (protocol 3.4): SILENT only adds it to the context, WHEN_IDLE answers after the
 * current turn, INTERRUPT cuts the current turn off and answers at once.
 */
class NonBlockingToolsTest extends EmulatorTestSupport {

    private final List<LiveTurn> turns = new CopyOnWriteArrayList<>();

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        // the filler turn streams slowly, so the tool's result arrives while the model is still talking
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(250));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                for (String scheduling : new String[] { "SILENT", "WHEN_IDLE", "INTERRUPT" }) {
                    String name = "async" + scheduling;
                    from("direct:" + name).to(uri(name, "model=" + MODEL_25_TEXT + "&responseModalities=TEXT"
                                                         + "&functions=resource:classpath:tools/async-functions.json"
                                                         + "&toolEndpoint.book_table=direct:book&toolScheduling=" + scheduling));
                    from(uri(name, "aggregate=turn&events=turn")).process(e -> turns.add(e.getMessage().getBody(LiveTurn.class)));
                }
                from("direct:book").delay(150).setBody(constant("table for 2 at 8pm"));
            }
        };
    }

    @Test
    void silentAddsTheResultToTheContextWithoutATurn() throws Exception {
        template.sendBody("direct:asyncSILENT", "Please book_table guests=2");
        await(() -> sentScheduling() != null, Duration.ofSeconds(5), "the tool response");
        assertEquals(FunctionResponse.Scheduling.SILENT, sentScheduling());
        await(() -> turns.size() >= 1, Duration.ofSeconds(5), "the filler turn");
        Thread.sleep(800);
        assertEquals(1, turns.size(), "no turn follows a SILENT result: " + turns);
        assertEquals("I am calling book_table.", turns.get(0).replyText());
        assertFalse(turns.get(0).interrupted());
    }

    @Test
    void whenIdleAnswersAfterTheCurrentTurnEnds() throws Exception {
        template.sendBody("direct:asyncWHEN_IDLE", "Please book_table guests=2");
        await(() -> turns.size() >= 2, Duration.ofSeconds(8), "two turns");
        assertEquals(FunctionResponse.Scheduling.WHEN_IDLE, sentScheduling());
        assertEquals("I am calling book_table.", turns.get(0).replyText());
        assertFalse(turns.get(0).interrupted(), "the model finished what it was saying");
        assertEquals("The book_table tool returned {\"output\":\"table for 2 at 8pm\"}.", turns.get(1).replyText());
    }

    @Test
    void interruptCutsTheCurrentTurnOffAndAnswersAtOnce() throws Exception {
        // the tool result cuts the filler turn off, so the exchange that asked ends interrupted: not awaited here
        template.asyncSendBody("direct:asyncINTERRUPT", "Please book_table guests=2");
        await(() -> turns.size() >= 2, Duration.ofSeconds(8), "two turns");
        assertEquals(FunctionResponse.Scheduling.INTERRUPT, sentScheduling());
        assertTrue(turns.get(0).interrupted(), "the filler turn was cut off: " + turns);
        assertEquals("The book_table tool returned {\"output\":\"table for 2 at 8pm\"}.", turns.get(1).replyText());
    }

    private FunctionResponse.Scheduling sentScheduling() {
        return emulator.sessions().isEmpty() ? null : emulator.sessions().get(0).allFrames().stream()
                .filter(f -> f.client() != null && f.client().toolResponse() != null)
                .map(f -> f.client().toolResponse().functionResponses().get(0).scheduling()).findFirst().orElse(null);
    }
}
