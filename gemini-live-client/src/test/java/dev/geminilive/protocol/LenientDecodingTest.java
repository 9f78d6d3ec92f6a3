package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LiveCodec#lenient()}: what a client must tolerate from a server that keeps adding fields and values. */
class LenientDecodingTest {

    private final LiveCodec codec = LiveCodec.lenient();

    @Test
    void lenientCodecSaysItIsNotStrict() {
        assertFalse(codec.isStrict());
        assertTrue(LiveCodec.strict().isStrict());
    }

    @Test
    void unknownFieldsAreIgnoredAtEveryLevelOfAServerMessage() {
        String json = """
                {"newEnvelope": {"x": 1},
                 "serverContent": {"futureFlag": true,
                   "modelTurn": {"futureTurnField": [1, 2], "parts": [
                     {"text": "hi", "futurePartField": {"deep": {"deeper": null}},
                      "inlineData": {"mimeType": "audio/pcm;rate=24000", "data": "AAE=", "futureBlobField": "z"}}]},
                   "outputTranscription": {"text": "hi", "languageCode": "en-US", "futureConfidence": 0.9, "words": [{"word": "hi", "w": "hi"}]}},
                 "usageMetadata": {"totalTokenCount": 7, "futureCount": 3,
                   "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 7, "futureDetail": "x"}]}}
                """;
        ServerMessage m = codec.decodeServer(json);
        assertEquals(ServerMessage.Kind.SERVER_CONTENT, m.kind());
        Part part = m.serverContent().modelTurn().parts().get(0);
        assertEquals("hi", part.text());
        assertArrayEquals(new byte[] {0, 1}, part.inlineData().data());
        assertEquals("audio/pcm;rate=24000", part.inlineData().mimeType());
        assertEquals(new Transcription("hi", null, "en-US", null, List.of(new Transcription.WordInfo("hi", null, null))),
                m.serverContent().outputTranscription());
        assertEquals(7, m.usageMetadata().totalTokenCount());
        assertEquals(List.of(new UsageMetadata.ModalityTokenCount(Modality.TEXT, 7)), m.usageMetadata().promptTokensDetails());
    }

    @Test
    void unknownFieldsAreIgnoredInEveryOtherServerEnvelope() {
        assertEquals(new SetupComplete("s-1", null),
                codec.decodeServer("{\"setupComplete\": {\"sessionId\": \"s-1\", \"futureField\": 1}}").setupComplete());
        assertEquals(new FunctionCall("c1", "f", Map.of("a", 1)), codec.decodeServer(
                "{\"toolCall\": {\"x\": 0, \"functionCalls\": [{\"id\": \"c1\", \"name\": \"f\", \"args\": {\"a\": 1}, \"futureStreaming\": {\"x\": 1}}]}}")
                .toolCall().functionCalls().get(0));
        assertEquals(List.of("c1"), codec.decodeServer("{\"toolCallCancellation\": {\"ids\": [\"c1\"], \"reason\": \"x\"}}").toolCallCancellation().ids());
        assertEquals(Duration.ofSeconds(50), codec.decodeServer("{\"goAway\": {\"timeLeft\": \"50s\", \"why\": \"x\"}}").goAway().timeLeft());
        assertEquals(new SessionResumptionUpdate("h", true, null),
                codec.decodeServer("{\"sessionResumptionUpdate\": {\"newHandle\": \"h\", \"resumable\": true, \"future\": {}}}").sessionResumptionUpdate());
        assertEquals(new VoiceActivity("ACTIVITY_END", null),
                codec.decodeServer("{\"voiceActivity\": {\"type\": \"ACTIVITY_END\", \"confidence\": 0.9}}").voiceActivity());
    }

    @Test
    void aFrameWithOnlyUnknownEnvelopesDecodesAsAnEmptyMessage() {
        ServerMessage m = codec.decodeServer("{\"someFutureMessage\": {\"a\": 1}}");
        assertEquals(ServerMessage.Kind.EMPTY, m.kind());
    }

    @Test
    void unknownFieldsAreIgnoredInClientMessagesToo() {
        ClientMessage m = codec.decodeClient("""
                {"setup": {"model": "models/m", "proactivityX": {}, "generationConfig": {"temperatureX": 1, "topK": 3}}}
                """);
        assertEquals("models/m", m.setup().model());
        assertEquals(3, m.setup().generationConfig().topK());
    }

    @Test
    void unknownEnumValuesBecomeNull() {
        ServerMessage m = codec.decodeServer("""
                {"usageMetadata": {"promptTokensDetails": [{"modality": "HOLOGRAM", "tokenCount": 5}]}}
                """);
        assertEquals(new UsageMetadata.ModalityTokenCount(null, 5), m.usageMetadata().promptTokensDetails().get(0));

        Setup setup = codec.decodeClient("""
                {"setup": {"model": "models/m",
                  "generationConfig": {"mediaResolution": "MEDIA_RESOLUTION_ULTRA"},
                  "tools": [{"functionDeclarations": [{"name": "f", "behavior": "EVENTUALLY"}]}],
                  "realtimeInputConfig": {"activityHandling": "SOMETIMES", "turnCoverage": "TURN_INCLUDES_DREAMS",
                    "automaticActivityDetection": {"startOfSpeechSensitivity": "START_SENSITIVITY_MEDIUM"}}}}
                """).setup();
        assertNull(setup.generationConfig().mediaResolution());
        assertNull(setup.tools().get(0).functionDeclarations().get(0).behavior());
        assertNull(setup.realtimeInputConfig().activityHandling());
        assertNull(setup.realtimeInputConfig().turnCoverage());
        assertNull(setup.realtimeInputConfig().automaticActivityDetection().startOfSpeechSensitivity());

        FunctionResponse r = codec.decodeClient("""
                {"toolResponse": {"functionResponses": [{"id": "1", "scheduling": "LATER"}]}}
                """).toolResponse().functionResponses().get(0);
        assertNull(r.scheduling());
    }

    @Test
    void unknownEnumValueInsideAListIsDroppedAndTheKnownOnesAreKept() {
        GenerationConfig g = codec.decodeClient("""
                {"setup": {"model": "models/m", "generationConfig": {"responseModalities": ["HOLOGRAM", "AUDIO", "SMELL"]}}}
                """).setup().generationConfig();
        assertEquals(List.of(Modality.AUDIO), g.responseModalities());
    }

    @ParameterizedTest(name = "lastConsumedClientMessageIndex: {0}")
    @ValueSource(strings = {"\"42\"", "42", "42.0"})
    void int64IsReadFromAStringOrANumber(String wire) {
        ServerMessage m = codec.decodeServer("{\"sessionResumptionUpdate\": {\"newHandle\": \"h\", \"resumable\": true, "
                + "\"lastConsumedClientMessageIndex\": " + wire + "}}");
        assertEquals(42L, m.sessionResumptionUpdate().lastConsumedClientMessageIndex());
    }

    @Test
    void int64BeyondTheDoubleRangeKeepsEveryDigit() {
        long big = 9_007_199_254_740_993L; // 2^53 + 1: not representable as a double
        for (String wire : List.of("\"" + big + "\"", Long.toString(big))) {
            ServerMessage m = codec.decodeServer("{\"sessionResumptionUpdate\": {\"lastConsumedClientMessageIndex\": " + wire + "}}");
            assertEquals(big, m.sessionResumptionUpdate().lastConsumedClientMessageIndex());
        }
        Setup s = codec.decodeClient("{\"setup\": {\"contextWindowCompression\": {\"triggerTokens\": \"" + Long.MAX_VALUE + "\"}}}").setup();
        assertEquals(Long.MAX_VALUE, s.contextWindowCompression().triggerTokens());
    }

    @ParameterizedTest(name = "triggerTokens: {0}, targetTokens: {1}")
    @CsvSource(delimiter = '|', value = {"\"25600\" | \"12800\"", "25600 | 12800", "\"25600\" | 12800"})
    void triggerAndTargetTokensAreReadFromStringsOrNumbers(String trigger, String target) {
        String json = "{\"setup\": {\"model\": \"models/m\", \"contextWindowCompression\": {\"triggerTokens\": " + trigger
                + ", \"slidingWindow\": {\"targetTokens\": " + target + "}}}}";
        for (LiveCodec c : List.of(LiveCodec.lenient(), LiveCodec.strict())) {
            ContextWindowCompression cwc = c.decodeClient(json).setup().contextWindowCompression();
            assertEquals(new ContextWindowCompression(25600L, new ContextWindowCompression.SlidingWindow(12800L)), cwc);
        }
    }

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
            "50s, 50000000000",
            "0.5s, 500000000",
            "1.000000001s, 1000000001",
            "1.500s, 1500000000",
            "0s, 0",
            "-1.5s, -1500000000",
            "50, 50000000000"})
    void goAwayTimeLeftIsReadFromProtobufDurationStrings(String wire, long nanos) {
        ServerMessage m = codec.decodeServer("{\"goAway\": {\"timeLeft\": \"" + wire + "\"}}");
        assertEquals(Duration.ofNanos(nanos), m.goAway().timeLeft());
    }

    @Test
    void durationIsAlsoReadFromAJsonNumberOfSeconds() {
        assertEquals(Duration.ofMillis(2500), codec.decodeServer("{\"voiceActivity\": {\"audioOffset\": 2.5}}").voiceActivity().audioOffset());
    }

    @Test
    void anUnreadableDurationIsAProtocolErrorNamingItsPath() {
        ProtocolException e = Frames.assertInvalidPayload(() -> codec.decodeServer("{\"goAway\": {\"timeLeft\": \"soon\"}}"));
        assertTrue(e.getMessage().contains("go_away.time_left"), e.getMessage());
        assertTrue(e.getMessage().contains("soon"), e.getMessage());
    }

    @Test
    void binaryFramesDecodeLikeTextFrames() {
        String json = "{\"serverContent\": {\"modelTurn\": {\"parts\": [{\"text\": \"Grüße, 世界 👋\"}]}, \"turnComplete\": true}}";
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        ServerMessage fromText = codec.decodeServer(json);
        assertEquals("Grüße, 世界 👋", fromText.serverContent().modelTurn().text());
        assertEquals(fromText, codec.decodeServer(utf8));
        assertEquals(fromText, codec.decodeServer(ByteBuffer.wrap(utf8)));

        ByteBuffer direct = ByteBuffer.allocateDirect(utf8.length);
        direct.put(utf8).flip();
        assertEquals(fromText, codec.decodeServer(direct));
        assertEquals(0, direct.position(), "decoding does not consume the buffer");
        assertEquals(utf8.length, direct.remaining());
        assertEquals(json, LiveCodec.utf8(direct));
    }

    @Test
    void aByteBufferIsReadFromItsPositionToItsLimitOnly() {
        byte[] json = "{\"goAway\": {\"timeLeft\": \"50s\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] framed = new byte[json.length + 8];
        System.arraycopy(json, 0, framed, 3, json.length);
        framed[0] = '[';
        framed[framed.length - 1] = ']';
        ByteBuffer window = ByteBuffer.wrap(framed, 3, json.length);
        assertEquals(Duration.ofSeconds(50), codec.decodeServer(window).goAway().timeLeft());
        assertEquals(Duration.ofSeconds(50), codec.decodeServer(window.slice()).goAway().timeLeft());
        assertEquals(3, window.position());
    }

    @Test
    void prettyPrintedJsonWithTwoSpaceIndentationDecodesLikeCompactJson() {
        String pretty = """
                {
                  "serverContent": {
                    "modelTurn": {
                      "parts": [
                        {
                          "inlineData": {
                            "mimeType": "audio/pcm;rate=24000",
                            "data": "AAD/fw=="
                          }
                        }
                      ]
                    },
                    "turnComplete": true
                  },
                  "usageMetadata": {
                    "promptTokenCount": 515,
                    "totalTokenCount": 546
                  }
                }
                """;
        String compact = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"audio/pcm;rate=24000\","
                + "\"data\":\"AAD/fw==\"}}]},\"turnComplete\":true},\"usageMetadata\":{\"promptTokenCount\":515,\"totalTokenCount\":546}}";
        assertEquals(codec.decodeServer(compact), codec.decodeServer(pretty));
        assertEquals(codec.decodeServer(compact), codec.decodeServer(pretty.getBytes(StandardCharsets.UTF_8)));
        assertEquals(compact, codec.encode(codec.decodeServer(pretty)));
    }

    @Test
    void prettyPrintedResourceFrameDecodes() {
        ServerMessage m = codec.decodeServer(Frames.read("server", "setup-complete-pretty-printed.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(ServerMessage.Kind.SETUP_COMPLETE, m.kind());
        assertEquals("7d0c4a5e-2b1f-4e8a-9c3d-6f5e4d3c2b1a", m.setupComplete().sessionId());
    }

    @Test
    void urlSafeBase64FromTheServerIsReadToo() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf};
        for (String b64 : List.of("+/+/", "-_-_")) {
            ServerMessage m = codec.decodeServer("{\"serverContent\": {\"modelTurn\": {\"parts\": [{\"inlineData\": "
                    + "{\"mimeType\": \"audio/pcm\", \"data\": \"" + b64 + "\"}}]}}}");
            assertArrayEquals(bytes, m.serverContent().modelTurn().parts().get(0).inlineData().data());
        }
    }

    @Test
    void freeFormValuesKeepTheirJsonTypes() {
        FunctionCall call = codec.decodeServer("""
                {"toolCall": {"functionCalls": [{"id": "c", "name": "f",
                  "args": {"s": "x", "i": 1, "d": 1.5, "b": true, "n": null, "l": [1, "two"], "o": {"k": "v"}}}]}}
                """).toolCall().functionCalls().get(0);
        Map<String, Object> args = call.args();
        assertEquals("x", args.get("s"));
        assertEquals(1, args.get("i"));
        assertEquals(1.5, args.get("d"));
        assertEquals(true, args.get("b"));
        assertTrue(args.containsKey("n"));
        assertNull(args.get("n"));
        assertEquals(List.of(1, "two"), args.get("l"));
        assertEquals(Map.of("k", "v"), args.get("o"));
        JsonNode back = Frames.tree(codec.write(call.args()));
        assertTrue(back.get("n").isNull(), "null argument values survive re-encoding");
    }
}
