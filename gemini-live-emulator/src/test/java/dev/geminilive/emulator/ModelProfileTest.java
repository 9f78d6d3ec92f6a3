package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.ServerMessage;

class ModelProfileTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    private static CloseReason closeAfterSetup(String setup, String... frames) throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send(setup);
            for (String f : frames) {
                c.await(m -> m.setupComplete() != null);
                c.send(f);
            }
            return c.awaitClose();
        }
    }

    @Test
    void defaultCatalogServesTheCurrentLiveModels() {
        ModelCatalog catalog = EMULATOR.emulator().settings().models();
        for (String m : List.of("models/gemini-3.1-flash-live-preview", "models/gemini-2.5-flash-native-audio-preview-12-2025",
                "models/gemini-2.5-flash-native-audio-latest", "models/gemini-live-2.5-flash-preview", "models/gemini-2.0-flash-live-001",
                ModelCatalog.TEST_MODEL, ModelCatalog.TEST_MODEL_3)) {
            assertTrue(catalog.find(m).isPresent(), m);
        }
        assertEquals("gemini-3.1-flash-live", catalog.find("models/gemini-3.1-flash-live-preview").orElseThrow().profile().name());
        assertEquals("gemini-3.8-live", catalog.find("models/gemini-3.8-live").orElseThrow().profile().name());
        assertTrue(catalog.find("gemini-3.8-live-extended-thinking").isPresent());
        assertTrue(catalog.find("gemini-3.5-transcribe-live-preview").isPresent());
    }

    @Test
    void unknownModelClosesWith1008NotFoundForApiVersion() throws Exception {
        CloseReason r = closeAfterSetup(Wire.setup("models/gemini-9-nope"));
        assertEquals(1008, r.getCloseCode().getCode());
        assertEquals(CloseReasons.truncate("models/gemini-9-nope is not found for API version v1beta, or is not supported for "
                + "bidiGenerateContent. Call ListModels to see the list of available models and their supported methods."), r.getReasonPhrase());
    }

    @Test
    void nativeAudioModelWithTextModalityClosesWith1007() throws Exception {
        CloseReason r = closeAfterSetup(Wire.textSetup("models/gemini-2.5-flash-native-audio-latest"));
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("Cannot extract voices from a non-audio request.", r.getReasonPhrase());
    }

    @Test
    void gemini3TakesClientContentForTheWholeSessionWithExplicitRoles() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL_3 + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"historyConfig\":{\"initialHistoryInClientContent\":true}}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup)) {
            c.send("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"my name is Ada\"}]}]}}");
            c.send(Wire.realtimeText("what is my name?"));
            assertEquals("Your name is Ada.", Wire.text(c.awaitTurns(1)), "the history seed never starts a turn");
            c.send(Wire.userTurn("what is my name?"));
            assertEquals("Your name is Ada.Your name is Ada.", Wire.text(c.awaitTurns(2)), "mid-session clientContent with a role is answered");
        }
    }

    @Test
    void gemini3ClosesWith1007OnClientContentWithoutARole() throws Exception {
        CloseReason r = closeAfterSetup(Wire.textSetup(ModelCatalog.TEST_MODEL_3),
                "{\"clientContent\":{\"turns\":[{\"parts\":[{\"text\":\"hi\"}]}],\"turnComplete\":true}}");
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("Request contains an invalid argument. Please use a valid role: user, model.", r.getReasonPhrase());
    }

    @Test
    void clientContentWithTurnCompleteInterruptsGenerationOnGemini3EvenWithNoInterruption() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL_3 + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"realtimeInputConfig\":{\"activityHandling\":\"NO_INTERRUPTION\"}}}";
        try (GeminiLiveEmulator slow = GeminiLiveEmulator.builder().chunkDelay(java.time.Duration.ofMillis(40)).start();
                RawLiveClient c = Wire.open(slow, setup)) {
            c.send(Wire.realtimeText("tell me a long story " + "about the sea and the wind ".repeat(10)));
            c.await(m -> m.serverContent() != null && m.serverContent().modelTurn() != null);
            c.send(Wire.userTurn("stop"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertTrue(all.stream().anyMatch(m -> m.serverContent() != null && Boolean.TRUE.equals(m.serverContent().interrupted())),
                    "the story was interrupted");
            assertTrue(Wire.text(all).endsWith("You said: stop"), Wire.text(all));
        }
    }

    @Test
    void gemini38SpeaksOnlyAndRefusesThinkingFalseProactiveAudioAndAffectiveDialog() throws Exception {
        CloseReason text = closeAfterSetup(Wire.textSetup("models/gemini-3.8-live"));
        assertEquals(1007, text.getCloseCode().getCode());
        assertEquals("Cannot extract voices from a non-audio request.", text.getReasonPhrase());

        CloseReason thinking = closeAfterSetup("{\"setup\":{\"model\":\"models/gemini-3.8-live\",\"generationConfig\":"
                + "{\"thinkingConfig\":{\"thinkingLevel\":\"LOW\"}}}}");
        assertEquals(1007, thinking.getCloseCode().getCode());
        assertEquals("Request contains an invalid argument. thinking_config is not supported by gemini-3.8-live", thinking.getReasonPhrase());

        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1alpha"), Wire.KEY_HEADER)) {
            c.send("{\"setup\":{\"model\":\"models/gemini-3.8-live\",\"proactivity\":{\"proactiveAudio\":false}}}");
            CloseReason r = c.awaitClose();
            assertEquals(1007, r.getCloseCode().getCode());
            assertTrue(r.getReasonPhrase().contains("proactive audio is always on"), r.getReasonPhrase());
        }
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1alpha"), Wire.KEY_HEADER)) {
            c.send("{\"setup\":{\"model\":\"models/gemini-3.8-live\",\"generationConfig\":{\"enableAffectiveDialog\":true}}}");
            assertEquals(1007, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void gemini38ExtendedThinkingTakesLowMediumOrHighOnly() throws Exception {
        String model = "models/gemini-3.8-live-extended-thinking";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), "{\"setup\":{\"model\":\"" + model + "\",\"generationConfig\":"
                + "{\"thinkingConfig\":{\"thinkingLevel\":\"HIGH\"}}}}")) {
            assertTrue(c.isOpen());
        }
        CloseReason r = closeAfterSetup("{\"setup\":{\"model\":\"" + model + "\",\"generationConfig\":"
                + "{\"thinkingConfig\":{\"thinkingLevel\":\"MINIMAL\"}}}}");
        assertEquals(1007, r.getCloseCode().getCode());
        assertTrue(r.getReasonPhrase().contains("thinking_level must be one of LOW, MEDIUM, HIGH, not MINIMAL"), r.getReasonPhrase());
    }

    @Test
    void gemini31WithTextModalityClosesWith1011AsReported() throws Exception {
        CloseReason r = closeAfterSetup(Wire.textSetup("models/gemini-3.1-flash-live-preview"));
        assertEquals(1011, r.getCloseCode().getCode());
        assertEquals("Internal error encountered.", r.getReasonPhrase());
    }

    @Test
    void gemini3SendsUsageOnlyServerContentBeforeTheFirstModelTurnAndSeveralPartsPerEvent() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL_3))) {
            c.send(Wire.realtimeText("tell me something long enough to need chunks"));
            List<ServerMessage> turn = c.awaitTurns(1);
            ServerMessage first = turn.get(1);
            assertNotNull(first.serverContent());
            assertNull(first.serverContent().modelTurn());
            assertNotNull(first.usageMetadata());
            assertTrue(turn.stream().anyMatch(m -> m.serverContent() != null && m.serverContent().modelTurn() != null
                    && m.serverContent().modelTurn().parts().size() > 1));
        }
    }

    @Test
    void gemini25SendsOnePartPerEvent() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("tell me something long enough to need chunks"));
            assertTrue(c.awaitTurns(1).stream().filter(m -> m.serverContent() != null && m.serverContent().modelTurn() != null)
                    .allMatch(m -> m.serverContent().modelTurn().parts().size() == 1));
        }
    }

    @Test
    void gemini3RejectsMediaChunks() throws Exception {
        String chunk = "{\"realtimeInput\":{\"mediaChunks\":[{\"mimeType\":\"audio/pcm\",\"data\":\"AAAA\"}]}}";
        CloseReason r = closeAfterSetup(Wire.setup(ModelCatalog.TEST_MODEL_3), chunk);
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("realtime_input.media_chunks is deprecated. Use audio, video, or text instead.", r.getReasonPhrase());
    }

    @Test
    void gemini25AcceptsMediaChunks() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send("{\"realtimeInput\":{\"media_chunks\":[{\"mime_type\":\"image/jpeg\",\"data\":\""
                    + Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}) + "\"}]}}");
            c.send(Wire.realtimeText("what do you see?"));
            assertEquals("I see 1 image (image/jpeg).", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void gemini3RejectsAnExplicitNullHandleWhile25ToleratesIt() throws Exception {
        String nullHandle = "\"sessionResumption\":{\"handle\":null}";
        CloseReason r = closeAfterSetup("{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL_3 + "\"," + nullHandle + "}}");
        assertEquals(1007, r.getCloseCode().getCode());
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\"," + nullHandle + "}}")) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void proactivityOnV1betaIsAnUnknownField() throws Exception {
        CloseReason r = closeAfterSetup("{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"proactivity\":{\"proactiveAudio\":true}}}");
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("Invalid JSON payload received. Unknown name \"proactivity\" at 'setup': Cannot find field.", r.getReasonPhrase());
    }
}
