package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.UsageMetadata;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The consumer receives the model's output as events, in order, per conversation. */
class ConsumerEventsTest extends EmulatorTestSupport {

    private final List<Exchange> textEvents = new CopyOnWriteArrayList<>();
    private final List<Exchange> audioEvents = new CopyOnWriteArrayList<>();
    private final List<Exchange> turns = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        // slower streaming leaves room to barge in
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(40));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("texty", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT"))
                        .process(e -> textEvents.add(e.copy()));
                from(uri("speaky", "model=" + MODEL_3 + "&events=audio,outputTranscription,generationComplete,turnComplete,"
                                   + "interrupted,setupComplete"))
                        .process(e -> {
                            threads.add(Thread.currentThread().getName());
                            audioEvents.add(e.copy());
                        });
                from(uri("speaky", "aggregate=turn&events=turn")).process(e -> turns.add(e.copy()));
                from("direct:text").to(uri("texty", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT"));
                // the second input cuts off the answer in progress
                from("direct:speak").to(uri("speaky", "model=" + MODEL_3 + "&turnPolicy=interrupt"));
            }
        };
    }

    @Test
    void textTurnArrivesAsTextEventsThenGenerationCompleteThenTurnCompleteWithUsage() throws Exception {
        template.sendBody("direct:text", "Hello from the consumer test");
        await(() -> types(textEvents).contains("turnComplete"), Duration.ofSeconds(10), "turnComplete");

        List<String> types = types(textEvents);
        assertEquals(List.of("connected", "setupComplete"), types.subList(0, 2));
        int firstText = types.indexOf("text");
        int generationComplete = types.indexOf("generationComplete");
        int turnComplete = types.indexOf("turnComplete");
        assertTrue(firstText > 1 && firstText < generationComplete && generationComplete < turnComplete, types.toString());
        StringBuilder text = new StringBuilder();
        textEvents.stream().filter(e -> "text".equals(type(e))).forEach(e -> text.append(e.getMessage().getBody(String.class)));
        assertEquals("You said: Hello from the consumer test", text.toString());
        Exchange done = textEvents.get(turnComplete);
        assertInstanceOf(UsageMetadata.class, done.getMessage().getBody());
        assertTrue(done.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKENS, Integer.class) > 0);
        assertEquals("default", done.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
    }

    @Test
    void audioTranscriptionAndInterruptedEventsArriveInOrderOffTheSocketThread() throws Exception {
        // sent without waiting for its long answer, which the next input cuts off
        template.asyncSendBody("direct:speak", "Tell me everything you know about the history of the printing press in Europe, "
                                          + "from the first movable type to the steam presses of the nineteenth century.");
        await(() -> types(audioEvents).contains("audio"), Duration.ofSeconds(10), "the first audio chunk");
        template.sendBody("direct:speak", "Stop, what is my name?");
        await(() -> types(audioEvents).stream().filter("turnComplete"::equals).count() == 2, Duration.ofSeconds(15),
                "two finished turns");

        List<String> types = types(audioEvents);
        assertEquals("setupComplete", types.get(0));
        int interrupted = types.indexOf("interrupted");
        int firstTurnComplete = types.indexOf("turnComplete");
        assertTrue(interrupted > 0, "barge-in interrupted the first turn: " + types);
        assertEquals(interrupted + 1, firstTurnComplete, "interrupted is followed by turnComplete: " + types);
        assertFalse(types.subList(0, interrupted).contains("generationComplete"), "an interrupted turn has no generationComplete");
        List<String> second = types.subList(firstTurnComplete + 1, types.size());
        assertTrue(second.indexOf("audio") < second.indexOf("generationComplete")
                   && second.indexOf("generationComplete") < second.indexOf("turnComplete"), second.toString());
        assertTrue(second.contains("outputTranscription"), second.toString());
        Exchange audio = audioEvents.stream().filter(e -> "audio".equals(type(e))).findFirst().orElseThrow();
        assertEquals("audio/pcm;rate=24000", audio.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE));
        assertTrue(audio.getMessage().getBody(byte[].class).length > 0);
        for (String thread : threads) {
            assertFalse(thread.toLowerCase().contains("grizzly"), "event processed on a socket thread: " + thread);
        }

        await(() -> turns.size() >= 2, Duration.ofSeconds(5), "two aggregated turns, got " + turns);
        assertEquals(2, turns.size(), turns.toString());
        LiveTurn first = turns.get(0).getMessage().getBody(LiveTurn.class);
        LiveTurn last = turns.get(1).getMessage().getBody(LiveTurn.class);
        assertTrue(first.interrupted());
        assertFalse(last.interrupted());
        assertEquals("You have not told me your name.", last.replyText());
        assertNotNull(last.usage());
    }

    private static List<String> types(List<Exchange> events) {
        List<String> types = new ArrayList<>();
        events.forEach(e -> types.add(type(e)));
        return types;
    }

    private static String type(Exchange e) {
        return e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
    }

    @Test
    void transcriptionLanguageSpeakerWordTimingsAndTheFinalMarkArriveAsHeaders() throws Exception {
        template.sendBody("direct:text", "hello");
        await(() -> types(textEvents).contains("turnComplete"), Duration.ofSeconds(10), "the first turn");
        emulator.sessions().get(0).faults().sendRaw("{\"serverContent\":{\"inputTranscription\":{\"text\":\"hola\",\"finished\":true,"
                + "\"languageCode\":\"es-ES\",\"speakerLabel\":\"spk_2\",\"words\":[{\"word\":\"hola\",\"startOffset\":\"0.120s\","
                + "\"endOffset\":\"0.480s\"}]}}}");
        await(() -> types(textEvents).contains("inputTranscription"), Duration.ofSeconds(5), "the transcription event");
        Exchange e = textEvents.stream().filter(x -> "inputTranscription".equals(x.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)))
                .findFirst().orElseThrow();
        assertEquals("hola", e.getMessage().getBody(String.class));
        assertEquals("es-ES", e.getMessage().getHeader(GeminiLiveConstants.TRANSCRIPTION_LANGUAGE));
        assertEquals("spk_2", e.getMessage().getHeader(GeminiLiveConstants.TRANSCRIPTION_SPEAKER));
        assertEquals(Boolean.TRUE, e.getMessage().getHeader(GeminiLiveConstants.TRANSCRIPTION_FINISHED));
        List<?> words = e.getMessage().getHeader(GeminiLiveConstants.TRANSCRIPTION_WORDS, List.class);
        dev.geminilive.protocol.Transcription.WordInfo w = (dev.geminilive.protocol.Transcription.WordInfo) words.get(0);
        assertEquals("hola", w.word());
        assertEquals(Duration.ofMillis(120), w.startOffset());
        assertEquals(Duration.ofMillis(480), w.endOffset());
    }
}
