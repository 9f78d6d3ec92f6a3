package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.ServerMessage;

class BargeInTest {

        // a slow model: each turn takes long enough for the user to talk over it
    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder()
            .configure(b -> b.chunkDelay(Duration.ofMillis(60)))
            .build();

    private static final String LONG = "please give me a long answer with many many words in it";

    private static boolean modelTurn(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().modelTurn() != null;
    }

    private static boolean interrupted(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().isInterrupted();
    }

    @Test
    void speechDuringGenerationInterruptsWithoutGenerationComplete() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText(LONG));
            c.await(BargeInTest::modelTurn);
            c.send(Audio.speech(300));
            int at = c.awaitIndex(BargeInTest::interrupted, Duration.ofSeconds(5));
            assertEquals(at + 1, c.awaitIndex(Wire::isTurnComplete, Duration.ofSeconds(5)), "interrupted is followed by turnComplete");
            List<ServerMessage> all = c.messages();
            assertFalse(all.subList(0, at).stream().anyMatch(m -> m.serverContent() != null && m.serverContent().isGenerationComplete()));
            c.send(Audio.silence(600));
            List<ServerMessage> next = c.awaitTurns(2);
            assertEquals("I heard 0.3 seconds of audio.", Wire.text(next.subList(at + 2, next.size())));
        }
    }

    @Test
    void newTextDuringGenerationInterrupts() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText(LONG));
            c.await(BargeInTest::modelTurn);
            c.send(Wire.realtimeText("stop"));
            int at = c.awaitIndex(BargeInTest::interrupted, Duration.ofSeconds(5));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("You said: stop", Wire.text(all.subList(at + 2, all.size())));
        }
    }

    @Test
    void noInterruptionLetsTheTurnFinishThenAnswersTheNewInput() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"realtimeInputConfig\":{\"activityHandling\":\"NO_INTERRUPTION\"}}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup)) {
            c.send(Wire.realtimeText(LONG));
            c.await(BargeInTest::modelTurn);
            c.send(Wire.realtimeText("second"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertFalse(all.stream().anyMatch(BargeInTest::interrupted));
            assertTrue(Wire.text(all).startsWith("You said: " + LONG));
            assertTrue(Wire.text(all).endsWith("You said: second"));
        }
    }

    @Test
    void bargeInCancelsPendingToolCalls() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\"}]}]}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup)) {
            c.send(Wire.realtimeText("call get_weather city=Paris"));
            ServerMessage call = c.await(m -> m.toolCall() != null);
            String id = call.toolCall().functionCalls().get(0).id();
            c.send(Wire.realtimeText("never mind"));
            ServerMessage cancel = c.await(m -> m.toolCallCancellation() != null);
            assertEquals(List.of(id), cancel.toolCallCancellation().ids());
            c.await(BargeInTest::interrupted);
            // a late answer to the cancelled call is ignored, not an error
            c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id + "\",\"name\":\"get_weather\",\"response\":{\"output\":1}}]}}");
            List<ServerMessage> all = c.awaitTurns(2);
            assertTrue(Wire.text(all).endsWith("You said: never mind"));
            assertTrue(c.isOpen());
        }
    }
}
