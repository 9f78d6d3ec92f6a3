package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StrictParsingTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    private static CloseReason closeAfter(String... frames) throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            for (String f : frames) {
                c.send(f);
            }
            return c.awaitClose();
        }
    }

    @Test
    void firstMessageThatIsNotSetupClosesWith1007() throws Exception {
        CloseReason r = closeAfter(Wire.realtimeText("hi"));
        assertEquals(1007, r.getCloseCode().getCode());
        assertTrue(r.getReasonPhrase().startsWith("Request contains an invalid argument."), r.getReasonPhrase());
    }

    @Test
    void secondSetupClosesWith1007() throws Exception {
        CloseReason r = closeAfter(Wire.setup(ModelCatalog.TEST_MODEL), Wire.setup(ModelCatalog.TEST_MODEL));
        assertEquals(1007, r.getCloseCode().getCode());
    }

    @Test
    void unknownFieldClosesWith1007AndServerWording() throws Exception {
        CloseReason r = closeAfter("{\"setup\":{\"model\":\"models/gemini-live-test\",\"x\":1}}");
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("Invalid JSON payload received. Unknown name \"x\" at 'setup': Cannot find field.", r.getReasonPhrase());
    }

    @Test
    void moreThanOneResponseModalityClosesWith1007() throws Exception {
        CloseReason r = closeAfter("{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL
                + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\",\"AUDIO\"]}}}");
        assertEquals(1007, r.getCloseCode().getCode());
        assertEquals("Request contains an invalid argument. Only one response modality is supported per session.", r.getReasonPhrase());
    }

    @Test
    void setupWithEveryCurrentFieldIsAccepted() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\","
                + "\"generationConfig\":{\"responseModalities\":[\"AUDIO\"],\"stopSequences\":[\"STOP\"],\"responseMimeType\":\"text/plain\","
                + "\"responseLogprobs\":true,\"logprobs\":2,\"audioTimestamp\":true},"
                + "\"realtimeInputConfig\":{\"interimTranscriptTimestampEnabled\":true},"
                + "\"inputAudioTranscription\":{\"languageAuto\":{},\"diarization\":true,\"wordTimestamp\":true,\"mode\":\"VERBATIM\"},"
                + "\"tools\":[{\"googleSearchRetrieval\":{}},{\"functionDeclarations\":[{\"name\":\"f\",\"responseJsonSchema\":{\"type\":\"string\"}}]}],"
                + "\"labels\":{\"team\":\"voice\"}}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup)) {
            c.send(Wire.realtimeText("hi"));
            c.awaitTurns(1);
            assertTrue(c.isOpen());
        }
    }

    @Test
    void invalidJsonClosesWith1007() throws Exception {
        assertEquals(1007, closeAfter("{not json").getCloseCode().getCode());
    }

    @Test
    void closeReasonsAreCutTo123Bytes() throws Exception {
        CloseReason r = closeAfter(Wire.setup("models/" + "x".repeat(60)));
        assertEquals(1008, r.getCloseCode().getCode());
        assertEquals(123, r.getReasonPhrase().getBytes(StandardCharsets.UTF_8).length);
        assertTrue(CloseReasons.modelNotFound("models/" + "x".repeat(60), "v1beta").startsWith(r.getReasonPhrase()));
    }

    @Test
    void snakeCaseAndBinaryClientFramesAreAccepted() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.sendBinary("{\"setup\":{\"model\":\"models/gemini-live-test\",\"generation_config\":{\"response_modalities\":[\"TEXT\"]}}}");
            c.await(m -> m.setupComplete() != null);
            c.send("{\"client_content\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"snake\"}]}],\"turn_complete\":true}}");
            assertEquals("You said: snake", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void serverFramesAreBinaryUtf8JsonByDefault() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            assertTrue(c.frames().get(0).binary());
            assertEquals("{\"setupComplete\":{}}", c.frames().get(0).text());
        }
    }

    @Test
    void serverFramesAreTextWhenConfigured() throws Exception {
        try (GeminiLiveEmulator text = GeminiLiveEmulator.builder().binaryFrames(false).start();
                RawLiveClient c = Wire.open(text, Wire.setup(ModelCatalog.TEST_MODEL))) {
            assertFalse(c.frames().get(0).binary());
        }
    }

    @Test
    void framesLargerThanTheLimitCloseWith1009() throws Exception {
        try (GeminiLiveEmulator small = GeminiLiveEmulator.builder().maxMessageBytes(4096).start();
                RawLiveClient c = Wire.open(small, Wire.setup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("y".repeat(10_000)));
            assertEquals(1009, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void vertexOnlyFieldsAreUnknownOnTheGeminiApiAndAcceptedOnVertex() throws Exception {
        String[][] cases = {
            { "\"sessionResumption\":{\"transparent\":true}", "transparent", "setup.session_resumption" },
            { "\"explicitVadSignal\":true", "explicit_vad_signal", "setup" },
            { "\"safetySettings\":[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\",\"method\":\"SEVERITY\"}]",
              "method", "setup.safety_settings[0]" },
            { "\"inputAudioTranscription\":{\"customVocabulary\":[\"Camel\"]}", "custom_vocabulary", "setup.input_audio_transcription" } };
        for (String[] c : cases) {
            String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\"," + c[0] + "}}";
            try (RawLiveClient gemini = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
                gemini.send(setup);
                jakarta.websocket.CloseReason r = gemini.awaitClose();
                assertEquals(1007, r.getCloseCode().getCode(), c[1]);
                assertEquals("Invalid JSON payload received. Unknown name \"" + c[1] + "\" at '" + c[2] + "': Cannot find field.",
                        r.getReasonPhrase());
            }
            try (RawLiveClient vertex = Wire.openVertex(EMULATOR.emulator(), setup)) {
                assertTrue(vertex.isOpen(), c[1] + " is a Vertex AI field");
            }
        }
    }
}
