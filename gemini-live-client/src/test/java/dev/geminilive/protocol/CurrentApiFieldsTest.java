package dev.geminilive.protocol;

import static dev.geminilive.protocol.Frames.assertInvalidPayload;
import static dev.geminilive.protocol.Frames.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fields and the message the Live API gained after the codec was first written (gemini-live-protocol.md section 7.2):
 * each message kind is built with every one of them set, written, and read back by both codecs unchanged.
 */
class CurrentApiFieldsTest {

    private static final LiveCodec STRICT = LiveCodec.strict();
    private static final LiveCodec LENIENT = LiveCodec.lenient();

    /** Every field of section 7.2, as {@code Record.component}; the fixtures below must set each one. */
    private static final Set<String> SECTION_7_2 = Set.of(
            "ClientMessage.contextUpdate", "ContextUpdate.systemInstruction", "ContextUpdate.tools", "ContextUpdate.Tools.tools",
            "Setup.labels", "RealtimeInputConfig.interimTranscriptTimestampEnabled",
            "AudioTranscriptionConfig.languageAuto", "AudioTranscriptionConfig.languageHints",
            "AudioTranscriptionConfig.LanguageHints.languageCodes", "AudioTranscriptionConfig.diarization",
            "AudioTranscriptionConfig.wordTimestamp", "AudioTranscriptionConfig.mode", "AudioTranscriptionConfig.customVocabulary",
            "Tool.googleSearchRetrieval", "FunctionDeclaration.responseJsonSchema",
            "Part.videoMetadata", "Part.VideoMetadata.startOffset", "Part.VideoMetadata.endOffset", "Part.VideoMetadata.fps",
            "Part.partMetadata", "Part.mediaResolution", "Part.PartMediaResolution.level", "Part.PartMediaResolution.numTokens",
            "Blob.displayName", "Part.FileData.displayName",
            "GenerationConfig.stopSequences", "GenerationConfig.responseMimeType", "GenerationConfig.responseSchema",
            "GenerationConfig.responseJsonSchema", "GenerationConfig.responseLogprobs", "GenerationConfig.logprobs",
            "GenerationConfig.audioTimestamp", "GenerationConfig.routingConfig", "GenerationConfig.modelSelectionConfig",
            "GenerationConfig.enableEnhancedCivicAnswers", "GenerationConfig.responseFormat", "GenerationConfig.audioTranscriptionConfig",
            "Transcription.languageCode", "Transcription.speakerLabel", "Transcription.words", "Transcription.WordInfo.word",
            "Transcription.WordInfo.startOffset", "Transcription.WordInfo.endOffset",
            "FunctionCall.partialArgs", "FunctionCall.willContinue", "FunctionCall.PartialArg.jsonPath",
            "FunctionCall.PartialArg.stringValue", "FunctionCall.PartialArg.numberValue", "FunctionCall.PartialArg.boolValue",
            "FunctionCall.PartialArg.nullValue", "FunctionCall.PartialArg.willContinue",
            "SetupComplete.voiceConsentSignature", "SetupComplete.VoiceConsentSignature.signature");

    // ---------------------------------------------------------------- fixtures

    private static Part videoClip() {
        return new Part(null, null, null, null,
                new Part.FileData("video/mp4", "https://generativelanguage.googleapis.com/v1beta/files/abc", "clip.mp4"),
                null, null, null, null,
                new Part.VideoMetadata(Duration.ofMillis(1500), Duration.ofSeconds(10), 2.0), null,
                new Part.PartMediaResolution(Part.PartMediaResolution.Level.MEDIA_RESOLUTION_ULTRA_HIGH, 1024));
    }

    private static Part chart() {
        return new Part(null, null, null, new Blob("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "chart.png"), null, null,
                null, null, null, null, Map.of("source", "dashboard", "stream_id", 7), null);
    }

    private static List<Tool> tools() {
        FunctionDeclaration book = new FunctionDeclaration("book_table", "Books a table", null,
                Map.of("type", "object", "properties", Map.of("guests", Map.of("type", "integer"))), null, null,
                Map.of("type", "object", "properties", Map.of("confirmation", Map.of("type", "string"))));
        Tool retrieval = new Tool(null, null, null, null, null, null, null, null,
                Map.of("dynamicRetrievalConfig", Map.of("mode", "MODE_DYNAMIC", "dynamicThreshold", 0.3)));
        return List.of(Tool.functions(List.of(book)), retrieval);
    }

    private static AudioTranscriptionConfig transcription() {
        return new AudioTranscriptionConfig(List.of("en-US"), List.of("Camel", "Tyrus"), List.of("route builder"),
                new AudioTranscriptionConfig.LanguageAuto(), new AudioTranscriptionConfig.LanguageHints(List.of("en-US", "fr-FR")),
                true, true, AudioTranscriptionConfig.Mode.VERBATIM);
    }

    private static Setup setup() {
        GenerationConfig gc = new GenerationConfig(List.of(Modality.AUDIO), 0.7, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of("STOP", "END"), "text/plain",
                Map.of("type", "OBJECT", "properties", Map.of("answer", Map.of("type", "STRING"))),
                Map.of("type", "object"), true, 3, true, Map.of("autoMode", Map.of("modelRoutingPreference", "BALANCED")),
                Map.of("featureSelectionPreference", "BALANCED"), false, List.of(Map.of("text", Map.of("mimeType", "text/plain"))),
                new AudioTranscriptionConfig(List.of("de-DE"), null, null));
        return Setup.builder("models/gemini-3.8-live")
                .generationConfig(gc)
                .systemInstruction(Content.instruction("Be brief."))
                .tools(tools())
                .realtimeInputConfig(new RealtimeInputConfig(null, RealtimeInputConfig.ActivityHandling.NO_INTERRUPTION, null, true))
                .inputAudioTranscription(transcription())
                .outputAudioTranscription(new AudioTranscriptionConfig(null, null, null, null, null, null, null,
                        AudioTranscriptionConfig.Mode.SMART))
                .labels(Map.of("team", "voice", "cost_center", "cc-42"))
                .build();
    }

    static Stream<Arguments> clientMessages() {
        return Stream.of(
                Arguments.of("setup", ClientMessage.of(setup())),
                Arguments.of("clientContent", ClientMessage.of(new ClientContent(
                        List.of(new Content("user", List.of(videoClip(), chart(), Part.ofText("What happens?")))), true))),
                Arguments.of("realtimeInput", ClientMessage.of(RealtimeInput.ofVideo(new Blob("image/jpeg", new byte[] {1, 2, 3}, "cam-1")))),
                Arguments.of("toolResponse", ClientMessage.of(new ToolResponse(List.of(new FunctionResponse("function-call-1", "book_table",
                        Map.of("output", Map.of("confirmation", "A7")), List.of(chart()), null, null))))),
                Arguments.of("contextUpdate", ClientMessage.of(new ContextUpdate(Content.instruction("Answer in French."),
                        new ContextUpdate.Tools(tools())))));
    }

    static Stream<Arguments> serverMessages() {
        Transcription words = new Transcription("Book a table", true, "en-US", "spk_1", List.of(
                new Transcription.WordInfo("Book", Duration.ofMillis(120), Duration.ofMillis(400)),
                new Transcription.WordInfo("a", Duration.ofMillis(400), Duration.ofMillis(480)),
                new Transcription.WordInfo("table", Duration.ofMillis(480), Duration.ofMillis(900))));
        FunctionCall streamed = new FunctionCall("function-call-1", "book_table", null, List.of(
                new FunctionCall.PartialArg("$.city", "Par", null, null, null, true),
                new FunctionCall.PartialArg("$.guests", null, 4.0, null, null, null),
                new FunctionCall.PartialArg("$.outside", null, null, false, null, null),
                new FunctionCall.PartialArg("$.note", null, null, null, "NULL_VALUE", null)), true);
        return Stream.of(
                Arguments.of("setupComplete", ServerMessage.of(new SetupComplete("0b8f3e52-6a1d-4f0e-8c55-2e9d7a4b1c60",
                        new SetupComplete.VoiceConsentSignature("c2lnbmF0dXJl")))),
                Arguments.of("serverContent", ServerMessage.of(new ServerContent(null, null, null, null, null, null, null, words,
                        new Transcription("Bien sûr", null, "fr-FR", "spk_0", null), words, null, null))),
                Arguments.of("toolCall", ServerMessage.of(new ToolCall(List.of(streamed)))));
    }

    // ---------------------------------------------------------------- round trips

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientMessages")
    void clientMessageWithEveryCurrentFieldSurvivesStrictAndLenientRoundTrip(String kind, ClientMessage message) {
        String json = STRICT.encode(message);
        assertEquals(message, STRICT.decodeClient(json), json);
        assertEquals(message, LENIENT.decodeClient(json), json);
        assertEquals(json, LENIENT.encode(STRICT.decodeClient(json)), "written the same way again");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverMessages")
    void serverMessageWithEveryCurrentFieldSurvivesStrictAndLenientRoundTrip(String kind, ServerMessage message) {
        String json = STRICT.encode(message);
        assertEquals(message, STRICT.decodeServer(json), json);
        assertEquals(message, LENIENT.decodeServer(json), json);
        assertEquals(message, LENIENT.decodeServer(STRICT.encodeBytes(message)), "binary frame");
    }

    @Test
    void fixturesSetEveryFieldOfSection72AndCoverEveryClientMessageKind() {
        Set<String> set = new TreeSet<>();
        Set<ClientMessage.Kind> kinds = new TreeSet<>();
        clientMessages().forEach(a -> {
            ClientMessage m = (ClientMessage) a.get()[1];
            kinds.add(m.kind());
            markSet(m, set);
        });
        serverMessages().forEach(a -> markSet(a.get()[1], set));
        Set<String> missing = new TreeSet<>(SECTION_7_2);
        missing.removeAll(set);
        assertTrue(missing.isEmpty(), "section 7.2 fields no fixture sets: " + missing);
        assertEquals(Set.of(ClientMessage.Kind.values()), kinds);
    }

    // ---------------------------------------------------------------- contextUpdate

    @Test
    void contextUpdateIsWrittenWithTheSdkJsonNamesAndTheToolsWrapper() {
        String json = STRICT.encode(ClientMessage.of(new ContextUpdate(Content.instruction("Answer in French."),
                new ContextUpdate.Tools(List.of(Tool.ofGoogleSearch())))));
        assertSameJson("""
                {"contextUpdate": {"systemInstruction": {"parts": [{"text": "Answer in French."}]},
                                   "tools": {"tools": [{"googleSearch": {}}]}}}""", json);
        assertEquals(ClientMessage.Kind.CONTEXT_UPDATE, STRICT.decodeClient(json).kind());
    }

    @Test
    void clearingAllToolsIsKeptApartFromLeavingToolsUnchanged() {
        String clear = STRICT.encode(ClientMessage.of(ContextUpdate.ofTools(List.of())));
        assertSameJson("{\"contextUpdate\": {\"tools\": {\"tools\": []}}}", clear);
        assertEquals(List.of(), STRICT.decodeClient(clear).contextUpdate().tools().tools());

        String keep = STRICT.encode(ClientMessage.of(ContextUpdate.ofSystemInstruction("Be brief.")));
        assertFalse(Frames.tree(keep).get("contextUpdate").has("tools"), keep);
        assertNull(STRICT.decodeClient(keep).contextUpdate().tools());
    }

    @Test
    void contextUpdateFromSnakeCaseClientIsAccepted() {
        ClientMessage m = STRICT.decodeClient("""
                {"context_update": {"system_instruction": {"parts": [{"text": "Hi"}]}, "tools": {"tools": [{"google_search": {}}]}}}""");
        assertEquals("Hi", m.contextUpdate().systemInstruction().text());
        assertEquals(Map.of(), m.contextUpdate().tools().tools().get(0).googleSearch());
    }

    @Test
    void unknownFieldInContextUpdateIsRefusedWithTheServersWording() {
        ProtocolException e = assertInvalidPayload(() -> STRICT.decodeClient("{\"contextUpdate\": {\"systemInstructions\": {}}}"));
        assertEquals("Invalid JSON payload received. Unknown name \"systemInstructions\" at 'context_update': Cannot find field.",
                e.getMessage());
        // the tools are a wrapper object: a bare list where the wrapper belongs is not what the server reads
        assertInvalidPayload(() -> STRICT.decodeClient("{\"contextUpdate\": {\"tools\": [{\"googleSearch\": {}}]}}"));
    }

    @Test
    void contextUpdateTogetherWithAnotherMessageInOneFrameIsRefused() {
        assertInvalidPayload(() -> STRICT.decodeClient(
                "{\"contextUpdate\": {\"tools\": {\"tools\": []}}, \"realtimeInput\": {\"text\": \"hi\"}}"));
    }

    // ---------------------------------------------------------------- setupComplete

    /** A real Vertex AI setupComplete for a cloned voice: the signature is an object, which a String field could not take. */
    @Test
    void setupCompleteWithAVoiceConsentSignatureObjectDecodesInTheClient() {
        String frame = """
                {
                  "setupComplete": {
                    "sessionId": "0b8f3e52-6a1d-4f0e-8c55-2e9d7a4b1c60",
                    "voiceConsentSignature": {
                      "signature": "c2lnbmF0dXJl"
                    }
                  }
                }""";
        ServerMessage m = LENIENT.decodeServer(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(ServerMessage.Kind.SETUP_COMPLETE, m.kind());
        assertEquals("c2lnbmF0dXJl", m.setupComplete().voiceConsentSignature().signature());
        assertEquals("0b8f3e52-6a1d-4f0e-8c55-2e9d7a4b1c60", m.setupComplete().sessionId());
    }

    // ---------------------------------------------------------------- user-owned keys

    @Test
    void labelAndPartMetadataKeysAreNotRenamedWhileFieldNamesAre() {
        ClientMessage setup = STRICT.decodeClient("""
                {"setup": {"model": "models/m", "labels": {"cost_center": "cc-42"},
                           "realtime_input_config": {"interim_transcript_timestamp_enabled": true},
                           "input_audio_transcription": {"word_timestamp": true, "language_hints": {"language_codes": ["en-US"]}}}}""");
        assertEquals(Map.of("cost_center", "cc-42"), setup.setup().labels());
        assertEquals(Boolean.TRUE, setup.setup().realtimeInputConfig().interimTranscriptTimestampEnabled());
        assertEquals(List.of("en-US"), setup.setup().inputAudioTranscription().languageHints().languageCodes());

        ClientMessage content = STRICT.decodeClient("""
                {"client_content": {"turns": [{"parts": [{"text": "hi", "part_metadata": {"stream_id": 7}}]}]}}""");
        assertEquals(Map.of("stream_id", 7), content.clientContent().turns().get(0).parts().get(0).partMetadata());
    }

    @Test
    void unknownTranscriptionModeIsRefusedByTheStrictCodecAndDroppedByTheLenientOne() {
        String json = "{\"setup\": {\"model\": \"models/m\", \"inputAudioTranscription\": {\"mode\": \"CLEAN\"}}}";
        ProtocolException e = assertInvalidPayload(() -> STRICT.decodeClient(json));
        assertTrue(e.getMessage().contains("input_audio_transcription.mode"), e.getMessage());
        assertNull(LENIENT.decodeClient(json).setup().inputAudioTranscription().mode());
    }

    private static void markSet(Object value, Set<String> out) {
        if (value instanceof List<?> list) {
            list.forEach(v -> markSet(v, out));
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v != null) {
                    String type = value.getClass().getName().substring(value.getClass().getPackageName().length() + 1).replace('$', '.');
                    out.add(type + "." + c.getName());
                    markSet(v, out);
                }
            }
        }
    }
}
