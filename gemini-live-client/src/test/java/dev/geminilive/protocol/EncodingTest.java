package dev.geminilive.protocol;

import static dev.geminilive.protocol.Frames.assertSameJson;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** What both codecs write: compact camelCase proto3 JSON as the real server and the SDKs expect it. */
class EncodingTest {

    private final LiveCodec codec = LiveCodec.lenient();

    private static Setup fullSetup() {
        GenerationConfig gc = new GenerationConfig(List.of(Modality.AUDIO), 0.7, 0.95, 40, 1024, 1, null, null, null,
                MediaResolution.MEDIA_RESOLUTION_LOW, SpeechConfig.voice("Kore", "en-US"), new ThinkingConfig(null, "LOW", false),
                true, new TranslationConfig("es", false));
        return Setup.builder("models/gemini-3.1-flash-live-preview")
                .generationConfig(gc)
                .systemInstruction(Content.instruction("You are ..."))
                .tools(List.of(Tool.functions(List.of(new FunctionDeclaration("get_weather", "...",
                        Map.of("type", "OBJECT", "properties", Map.of("city", Map.of("type", "STRING")), "required", List.of("city")),
                        null, null, FunctionDeclaration.Behavior.NON_BLOCKING))), Tool.ofGoogleSearch()))
                .realtimeInputConfig(new RealtimeInputConfig(
                        new RealtimeInputConfig.AutomaticActivityDetection(false, RealtimeInputConfig.StartSensitivity.START_SENSITIVITY_LOW,
                                RealtimeInputConfig.EndSensitivity.END_SENSITIVITY_LOW, 20, 100),
                        RealtimeInputConfig.ActivityHandling.START_OF_ACTIVITY_INTERRUPTS,
                        RealtimeInputConfig.TurnCoverage.TURN_INCLUDES_ONLY_ACTIVITY))
                .sessionResumption(SessionResumptionConfig.resume("Cihv..."))
                .contextWindowCompression(new ContextWindowCompression(25600L, new ContextWindowCompression.SlidingWindow(12800L)))
                .inputAudioTranscription(AudioTranscriptionConfig.enabled())
                .outputAudioTranscription(AudioTranscriptionConfig.enabled())
                .proactivity(new Proactivity(true))
                .historyConfig(new HistoryConfig(true))
                .build();
    }

    @Test
    void aSetupBuiltInJavaEncodesToTheDocumentedFieldCatalog() {
        assertSameJson(Frames.read("client", "setup-field-catalog.json"), codec.encode(ClientMessage.of(fullSetup())));
    }

    @Test
    void everyKeyWrittenIsCamelCase() {
        List<String> keys = new ArrayList<>();
        collectKeys(Frames.tree(codec.encode(ClientMessage.of(fullSetup()))), keys);
        collectKeys(Frames.tree(codec.encode(ClientMessage.of(new ToolResponse(List.of(
                new FunctionResponse("1", "f", Map.of("output", 1), null, FunctionResponse.Scheduling.WHEN_IDLE, false)))))), keys);
        assertTrue(keys.contains("generationConfig") && keys.contains("realtimeInputConfig") && keys.contains("willContinue"), keys.toString());
        for (String k : keys) {
            assertFalse(k.contains("_"), "snake_case key written: " + k);
        }
    }

    private static void collectKeys(JsonNode node, List<String> out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey());
            collectKeys(e.getValue(), out);
        }
        if (node.isArray()) {
            node.forEach(n -> collectKeys(n, out));
        }
    }

    @Test
    void nullFieldsAreOmittedAndTheOutputIsCompact() {
        assertEquals("{\"realtimeInput\":{\"text\":\"Are you there?\"}}", codec.encode(ClientMessage.realtimeText("Are you there?")));
        assertEquals("{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}],\"turnComplete\":true}}",
                codec.encode(ClientMessage.userTurn("Hi")));
        assertEquals("{\"setup\":{\"model\":\"models/m\"}}", codec.encode(ClientMessage.of(Setup.builder("models/m").build())));
        assertEquals("{\"serverContent\":{\"turnComplete\":true}}", codec.encode(ServerMessage.of(ServerContent.ofTurnComplete())));
    }

    @Test
    void convenienceAccessorsAreNotWrittenAsFields() {
        // ServerContent.isTurnComplete()/isGenerationComplete()/isInterrupted() and SessionResumptionUpdate.isResumable()
        assertEquals("{\"serverContent\":{\"interrupted\":true}}", codec.encode(ServerMessage.of(ServerContent.ofInterrupted())));
        assertEquals("{\"serverContent\":{\"outputTranscription\":{\"text\":\"hi\"}}}",
                codec.encode(ServerMessage.of(ServerContent.ofOutputTranscription("hi"))));
        assertEquals("{\"sessionResumptionUpdate\":{\"newHandle\":\"\",\"resumable\":true}}",
                codec.encode(ServerMessage.of(new SessionResumptionUpdate("", true, null))));
        assertEquals("{\"sessionResumptionUpdate\":{\"newHandle\":\"h\"}}",
                codec.encode(ServerMessage.of(new SessionResumptionUpdate("h", null, null))));
        UsageMetadata usage = UsageMetadata.of(3, 4, Modality.AUDIO);
        assertFalse(codec.encode(ServerMessage.of(usage)).contains("outputTokens"));
        Blob blob = new Blob(Mime.PCM_16K, new byte[] {1});
        assertEquals("{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"AQ==\"}", codec.write(blob));
    }

    @Test
    void emptyRecordsAreWrittenAsEmptyObjects() {
        assertEquals("{\"realtimeInput\":{\"activityStart\":{}}}", codec.encode(ClientMessage.of(RealtimeInput.ofActivityStart())));
        assertEquals("{\"realtimeInput\":{\"activityEnd\":{}}}", codec.encode(ClientMessage.of(RealtimeInput.ofActivityEnd())));
        assertEquals("{\"setupComplete\":{}}", codec.encode(ServerMessage.of(SetupComplete.empty())));
        assertEquals("{\"serverContent\":{},\"usageMetadata\":{\"totalTokenCount\":1}}", codec.encode(ServerMessage.of(
                new ServerContent(null, null, null, null, null, null, null, null, null, null, null, null),
                new UsageMetadata(null, null, null, null, null, 1, null, null, null, null, null, null, null, null))));
        assertEquals("{\"setup\":{\"model\":\"m\",\"inputAudioTranscription\":{}}}", codec.encode(ClientMessage.of(
                Setup.builder("m").inputAudioTranscription(AudioTranscriptionConfig.enabled()).build())));
        assertEquals("{\"googleSearch\":{}}", codec.write(Tool.ofGoogleSearch()));
    }

    @Test
    void aNewResumableSessionSendsAnEmptySessionResumptionObjectNeverAHandleNull() {
        String json = codec.encode(ClientMessage.of(Setup.builder("models/gemini-3.1-flash-live-preview")
                .sessionResumption(SessionResumptionConfig.newSession()).build()));
        assertEquals("{\"setup\":{\"model\":\"models/gemini-3.1-flash-live-preview\",\"sessionResumption\":{}}}", json);
        assertFalse(json.contains("handle"));
        assertSameJson(Frames.read("client", "setup-new-resumable-session.json"), json);
    }

    @Test
    void bytesAreWrittenAsPaddedStandardBase64() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xfe, 0x01};
        String json = codec.encode(ClientMessage.audio(Mime.PCM_16K, bytes));
        assertEquals("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=16000\",\"data\":\"+//+AQ==\"}}}", json);
        assertArrayEquals(bytes, LiveCodec.strict().decodeClient(json).realtimeInput().audio().data());
        assertEquals("{\"realtimeInput\":{\"video\":{\"mimeType\":\"image/jpeg\",\"data\":\"\"}}}",
                codec.encode(ClientMessage.video("image/jpeg", new byte[0])));
    }

    @Test
    void urlSafeInputIsReWrittenInTheStandardAlphabet() {
        ClientMessage m = LiveCodec.strict().decodeClient("{\"realtime_input\": {\"audio\": {\"mime_type\": \"audio/pcm\", \"data\": \"-__-AQ\"}}}");
        assertEquals("{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm\",\"data\":\"+//+AQ==\"}}}", LiveCodec.strict().encode(m));
    }

    @Test
    void snakeCaseInputIsReWrittenInCamelCaseButFreeFormKeysStayAsSent() {
        ClientMessage m = LiveCodec.strict().decodeClient("""
                {"tool_response": {"function_responses": [{"id": "1", "name": "f", "response": {"temp_c": 21}, "will_continue": false}]}}
                """);
        assertEquals("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"1\",\"name\":\"f\",\"response\":{\"temp_c\":21},\"willContinue\":false}]}}",
                LiveCodec.strict().encode(m));
    }

    @Test
    void int64FieldsAreWrittenAsJsonStrings() {
        String setup = codec.encode(ClientMessage.of(Setup.builder("m")
                .contextWindowCompression(new ContextWindowCompression(25600L, new ContextWindowCompression.SlidingWindow(12800L))).build()));
        assertEquals("{\"setup\":{\"model\":\"m\",\"contextWindowCompression\":{\"triggerTokens\":\"25600\",\"slidingWindow\":{\"targetTokens\":\"12800\"}}}}",
                setup);
        assertEquals("{\"sessionResumptionUpdate\":{\"newHandle\":\"h\",\"resumable\":true,\"lastConsumedClientMessageIndex\":\"9007199254740993\"}}",
                codec.encode(ServerMessage.of(new SessionResumptionUpdate("h", true, 9_007_199_254_740_993L))));
    }

    @Test
    void int64ReadAsANumberIsWrittenBackAsAString() {
        ServerMessage m = codec.decodeServer("{\"sessionResumptionUpdate\": {\"newHandle\": \"h\", \"resumable\": true, \"lastConsumedClientMessageIndex\": 42}}");
        assertSameJson(Frames.read("server", "session-resumption-update.json").replace("CihvdGNnNThr", "h"), codec.encode(m));
        ClientMessage c = LiveCodec.strict().decodeClient("{\"setup\": {\"contextWindowCompression\": {\"triggerTokens\": 100}}}");
        assertEquals("{\"setup\":{\"contextWindowCompression\":{\"triggerTokens\":\"100\"}}}", LiveCodec.strict().encode(c));
    }

    @Test
    void int32FieldsStayJsonNumbers() {
        String json = codec.encode(ServerMessage.of(UsageMetadata.of(515, 31, Modality.TEXT)));
        assertEquals("{\"usageMetadata\":{\"promptTokenCount\":515,\"responseTokenCount\":31,\"totalTokenCount\":546,"
                + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":515}],"
                + "\"responseTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":31}]}}", json);
    }

    @Test
    void durationsAreWrittenAsProtobufDurationStrings() {
        assertEquals("{\"goAway\":{\"timeLeft\":\"50s\"}}", codec.encode(ServerMessage.of(new GoAway(Duration.ofSeconds(50)))));
        assertEquals("{\"voiceActivity\":{\"type\":\"ACTIVITY_END\",\"audioOffset\":\"1.500s\"}}",
                codec.encode(ServerMessage.of(new VoiceActivity("ACTIVITY_END", Duration.ofMillis(1500)))));
        assertEquals("{\"goAway\":{\"timeLeft\":\"0.000000001s\"}}", codec.encode(ServerMessage.of(new GoAway(Duration.ofNanos(1)))));
    }

    @Test
    void durationReadInAnyFormIsWrittenBackCanonically() {
        for (String wire : List.of("\"50.000s\"", "\"50s\"", "50", "\"5e1s\"", "50.0")) {
            ServerMessage m = codec.decodeServer("{\"goAway\": {\"timeLeft\": " + wire + "}}");
            assertEquals("{\"goAway\":{\"timeLeft\":\"50s\"}}", codec.encode(m), wire);
        }
        assertEquals("{\"goAway\":{\"timeLeft\":\"0.500s\"}}", codec.encode(codec.decodeServer("{\"goAway\": {\"timeLeft\": \"0.5s\"}}")));
    }

    @Test
    void enumsAreWrittenByName() {
        String json = codec.encode(ClientMessage.of(new ToolResponse(List.of(
                new FunctionResponse("1", "f", Map.of(), null, FunctionResponse.Scheduling.INTERRUPT, null)))));
        assertTrue(json.contains("\"scheduling\":\"INTERRUPT\""), json);
    }

    @Test
    void nullValuesInsideFreeFormJsonAreKept() {
        Map<String, Object> output = new HashMap<>();
        output.put("found", null);
        FunctionResponse r = new FunctionResponse("1", "lookup", Map.of("output", output), null, null, null);
        assertEquals("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"1\",\"name\":\"lookup\",\"response\":{\"output\":{\"found\":null}}}]}}",
                codec.encode(ClientMessage.of(ToolResponse.of(r))));
        assertEquals("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"1\",\"name\":\"f\",\"response\":{\"output\":null}}]}}",
                codec.encode(ClientMessage.of(ToolResponse.of(FunctionResponse.output("1", "f", null)))));
        FunctionCall call = new FunctionCall("c", "f", Collections.singletonMap("until", null));
        assertEquals("{\"toolCall\":{\"functionCalls\":[{\"id\":\"c\",\"name\":\"f\",\"args\":{\"until\":null}}]}}",
                codec.encode(ServerMessage.of(new ToolCall(List.of(call)))));
    }

    @Test
    void nonAsciiTextIsWrittenAsUtf8InBinaryFrames() {
        ServerMessage m = ServerMessage.of(ServerContent.ofOutputTranscription("Grüße 👋"));
        byte[] payload = codec.encodeBytes(m);
        String text = new String(payload, StandardCharsets.UTF_8);
        assertTrue(text.contains("Grüße"), "non-ASCII written as UTF-8, not escaped: " + text);
        assertSameJson(codec.encode(m), text);
        assertEquals(m, LiveCodec.lenient().decodeServer(payload));
        assertEquals("Grüße 👋", LiveCodec.lenient().decodeServer(payload).serverContent().outputTranscription().text());
    }

    @Test
    void bothCodecsWriteTheSameJson() {
        ClientMessage c = ClientMessage.of(fullSetup());
        assertEquals(LiveCodec.lenient().encode(c), LiveCodec.strict().encode(c));
        ServerMessage s = ServerMessage.of(new GoAway(Duration.ofSeconds(50)));
        assertEquals(LiveCodec.lenient().encode(s), LiveCodec.strict().encode(s));
    }

    @Test
    void aClientMessageWithoutExactlyOneEnvelopeCannotBeBuilt() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClientMessage(null, null, null, null));
        assertTrue(e.getMessage().contains("carries 0"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ClientMessage(Setup.builder("m").build(), ClientMessage.userTurn("x").clientContent(), null, null));
    }
}
