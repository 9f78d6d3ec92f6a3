package dev.geminilive.protocol;

import static dev.geminilive.protocol.Frames.assertInvalidPayload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link LiveCodec#strict()}: parses client frames as the real server does, and words its refusals like the server's close reasons. */
class StrictDecodingTest {

    private final LiveCodec strict = LiveCodec.strict();

    // ---- unknown fields

    @Test
    void unknownSetupFieldIsRefusedWithTheServersExactCloseReason() {
        ProtocolException e = assertInvalidPayload(
                () -> strict.decodeClient("{\"setup\": {\"model\": \"models/m\", \"proactivityX\": {\"proactiveAudio\": true}}}"));
        assertEquals("Invalid JSON payload received. Unknown name \"proactivityX\" at 'setup': Cannot find field.", e.getMessage());
    }

    @Test
    void unknownFieldNestedInGenerationConfigNamesTheSnakeCasePath() {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"setup\": {\"model\": \"models/m\", \"generationConfig\": {\"responseModalities\": [\"AUDIO\"], \"temperatureX\": 1}}}"));
        assertEquals("Invalid JSON payload received. Unknown name \"temperatureX\" at 'setup.generation_config': Cannot find field.",
                e.getMessage());
    }

    @Test
    void unknownFieldDeeperDownNamesEveryLevelAndListIndex() {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient("""
                {"setup": {"model": "models/m", "generationConfig": {"speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voice": "Kore"}}}}}}
                """));
        assertEquals("Invalid JSON payload received. Unknown name \"voice\" at "
                + "'setup.generation_config.speech_config.voice_config.prebuilt_voice_config': Cannot find field.", e.getMessage());

        e = assertInvalidPayload(() -> strict.decodeClient("""
                {"setup": {"model": "models/m", "tools": [{"googleSearch": {}}, {"functionDeclarations": [{"name": "f", "strict": true}]}]}}
                """));
        assertEquals("Invalid JSON payload received. Unknown name \"strict\" at 'setup.tools[1].function_declarations[0]': Cannot find field.",
                e.getMessage());
    }

    @Test
    void unknownTopLevelFieldIsRefused() {
        ProtocolException e = assertInvalidPayload(
                () -> strict.decodeClient("{\"realtimeInput\": {\"text\": \"hi\"}, \"sessionHint\": 1}"));
        assertEquals("Invalid JSON payload received. Unknown name \"sessionHint\": Cannot find field.", e.getMessage());
    }

    @Test
    void unknownFieldsAreRefusedInEveryClientMessage() {
        assertTrue(assertInvalidPayload(() -> strict.decodeClient("{\"clientContent\": {\"turnComplete\": true, \"turnCompleted\": true}}"))
                .getMessage().contains("Unknown name \"turnCompleted\" at 'client_content'"));
        assertTrue(assertInvalidPayload(() -> strict.decodeClient("{\"clientContent\": {\"turns\": [{\"role\": \"user\", \"parts\": [{\"txt\": \"hi\"}]}]}}"))
                .getMessage().contains("Unknown name \"txt\" at 'client_content.turns[0].parts[0]'"));
        assertTrue(assertInvalidPayload(() -> strict.decodeClient("{\"realtimeInput\": {\"audio\": {\"mimeType\": \"audio/pcm\", \"data\": \"AA==\", \"rate\": 16000}}}"))
                .getMessage().contains("Unknown name \"rate\" at 'realtime_input.audio'"));
        assertTrue(assertInvalidPayload(() -> strict.decodeClient("{\"toolResponse\": {\"functionResponses\": [{\"id\": \"1\", \"result\": {}}]}}"))
                .getMessage().contains("Unknown name \"result\" at 'tool_response.function_responses[0]'"));
    }

    @Test
    void theLenientCodecAcceptsWhatTheStrictOneRefusesForUnknownFields() {
        String json = "{\"setup\": {\"model\": \"models/m\", \"proactivityX\": {}}}";
        assertInvalidPayload(() -> strict.decodeClient(json));
        assertEquals("models/m", LiveCodec.lenient().decodeClient(json).setup().model());
    }

    // ---- snake_case

    @Test
    void snakeCaseKeysAreAcceptedAsThePythonSdkSendsThem() {
        ClientMessage snake = strict.decodeClient("""
                {"client_content": {"turns": [{"role": "user", "parts": [{"text": "Hi"}]}], "turn_complete": true}}
                """);
        assertEquals(strict.decodeClient("{\"clientContent\": {\"turns\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}], \"turnComplete\": true}}"),
                snake);
        assertEquals(ClientMessage.userTurn("Hi"), snake);
    }

    @Test
    void deprecatedMediaChunksInSnakeCaseAsTheCookbookSendsThem() {
        ClientMessage m = strict.decodeClient("{\"realtime_input\": {\"media_chunks\": [{\"mime_type\": \"audio/pcm\", \"data\": \"AAEC\"}]}}");
        assertEquals(List.of(new Blob("audio/pcm", new byte[] {0, 1, 2})), m.realtimeInput().mediaChunks());
    }

    @Test
    void snakeCaseSetupAndToolResponseDecodeLikeCamelCase() {
        String snake = """
                {"setup": {"model": "models/m",
                  "generation_config": {"response_modalities": ["AUDIO"], "max_output_tokens": 5,
                    "speech_config": {"voice_config": {"prebuilt_voice_config": {"voice_name": "Kore"}}}},
                  "realtime_input_config": {"automatic_activity_detection": {"disabled": true, "silence_duration_ms": 200},
                                            "activity_handling": "NO_INTERRUPTION"},
                  "session_resumption": {}, "context_window_compression": {"trigger_tokens": "100", "sliding_window": {"target_tokens": 50}},
                  "input_audio_transcription": {"language_codes": ["en-US"]},
                  "history_config": {"initial_history_in_client_content": true}}}
                """;
        String camel = """
                {"setup": {"model": "models/m",
                  "generationConfig": {"responseModalities": ["AUDIO"], "maxOutputTokens": 5,
                    "speechConfig": {"voiceConfig": {"prebuiltVoiceConfig": {"voiceName": "Kore"}}}},
                  "realtimeInputConfig": {"automaticActivityDetection": {"disabled": true, "silenceDurationMs": 200},
                                          "activityHandling": "NO_INTERRUPTION"},
                  "sessionResumption": {}, "contextWindowCompression": {"triggerTokens": "100", "slidingWindow": {"targetTokens": 50}},
                  "inputAudioTranscription": {"languageCodes": ["en-US"]},
                  "historyConfig": {"initialHistoryInClientContent": true}}}
                """;
        assertEquals(strict.decodeClient(camel), strict.decodeClient(snake));

        ToolResponse r = strict.decodeClient("""
                {"tool_response": {"function_responses": [{"id": "1", "name": "f", "response": {"output": 1}, "will_continue": true}]}}
                """).toolResponse();
        assertEquals(Boolean.TRUE, r.functionResponses().get(0).willContinue());
    }

    @Test
    void snakeCaseUnknownFieldIsReportedUnderItsSnakeCasePath() {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"setup\": {\"model\": \"m\", \"generation_config\": {\"response_modalitiez\": [\"AUDIO\"]}}}"));
        assertTrue(e.getMessage().startsWith("Invalid JSON payload received. Unknown name \""), e.getMessage());
        assertTrue(e.getMessage().endsWith("at 'setup.generation_config': Cannot find field."), e.getMessage());
    }

    // ---- free-form fields

    @Test
    void functionArgsAndResponsesKeepTheirKeysVerbatimEvenInSnakeCaseFrames() {
        ClientMessage history = strict.decodeClient("""
                {"client_content": {"turns": [
                  {"role": "model", "parts": [{"function_call": {"id": "c", "name": "get_order", "args": {"order_id": "A-1", "line_items": [{"sku_code": "x"}]}}}]},
                  {"role": "user", "parts": [{"function_response": {"id": "c", "name": "get_order", "response": {"output": {"ship_date": "2026-01-01"}}}}]}],
                  "turn_complete": true}}
                """);
        FunctionCall call = history.clientContent().turns().get(0).parts().get(0).functionCall();
        assertEquals(Map.of("order_id", "A-1", "line_items", List.of(Map.of("sku_code", "x"))), call.args());
        FunctionResponse response = history.clientContent().turns().get(1).parts().get(0).functionResponse();
        assertEquals(Map.of("output", Map.of("ship_date", "2026-01-01")), response.response());

        ToolResponse tr = strict.decodeClient("""
                {"tool_response": {"function_responses": [{"id": "c", "name": "f", "response": {"temp_c": 21, "wind_speed_kmh": 4}}]}}
                """).toolResponse();
        assertEquals(Map.of("temp_c", 21, "wind_speed_kmh", 4), tr.functionResponses().get(0).response());
    }

    @Test
    void parameterSchemasKeepTheirPropertyNamesVerbatim() {
        Setup setup = strict.decodeClient("""
                {"setup": {"model": "models/m", "tools": [{"function_declarations": [
                  {"name": "get_weather",
                   "parameters": {"type": "OBJECT", "properties": {"city_name": {"type": "STRING"}, "unit_system": {"type": "STRING"}},
                                  "required": ["city_name"]},
                   "parameters_json_schema": {"type": "object", "properties": {"zip_code": {"type": "string"}}, "additional_properties": false},
                   "response": {"type": "OBJECT", "properties": {"temp_c": {"type": "NUMBER"}}}}]}]}}
                """).setup();
        FunctionDeclaration f = setup.tools().get(0).functionDeclarations().get(0);
        assertEquals(Map.of("city_name", Map.of("type", "STRING"), "unit_system", Map.of("type", "STRING")), f.parameters().get("properties"));
        assertEquals(List.of("city_name"), f.parameters().get("required"));
        @SuppressWarnings("unchecked")
        Map<String, Object> jsonSchema = (Map<String, Object>) f.parametersJsonSchema();
        assertEquals(Map.of("zip_code", Map.of("type", "string")), jsonSchema.get("properties"));
        assertTrue(jsonSchema.containsKey("additional_properties"));
        assertEquals(Map.of("temp_c", Map.of("type", "NUMBER")), f.response().get("properties"));
    }

    // ---- base64

    @Test
    void urlSafeAndStandardBase64DecodeToTheSameBytes() {
        byte[] bytes = {(byte) 0xfb, (byte) 0xef, (byte) 0xff, 0x00, 0x10, (byte) 0x83};
        String standard = Base64.getEncoder().encodeToString(bytes);
        String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
        assertTrue(standard.contains("+") && standard.contains("/"), standard);
        assertTrue(urlSafe.contains("-") && urlSafe.contains("_"), urlSafe);
        for (String b64 : List.of(standard, urlSafe)) {
            ClientMessage m = strict.decodeClient("{\"realtimeInput\": {\"audio\": {\"mimeType\": \"audio/pcm;rate=16000\", \"data\": \"" + b64 + "\"}}}");
            assertArrayEquals(bytes, m.realtimeInput().audio().data(), b64);
        }
    }

    @Test
    void base64IsAcceptedWithOrWithoutPadding() {
        byte[] bytes = "ab".getBytes(StandardCharsets.US_ASCII);
        for (String b64 : List.of("YWI=", "YWI")) {
            ClientMessage m = strict.decodeClient("{\"realtimeInput\": {\"video\": {\"mimeType\": \"image/jpeg\", \"data\": \"" + b64 + "\"}}}");
            assertArrayEquals(bytes, m.realtimeInput().video().data(), b64);
        }
    }

    @ParameterizedTest(name = "data: \"{0}\"")
    @ValueSource(strings = {"@@@@", "AAAA!", "not base64", "QUJD%3D", "Q", "QUJDR", "YW=I", "=YWI", "YWI===", "YQ=", "w6k€"})
    void invalidBase64IsRefusedNamingThePath(String b64) {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"realtimeInput\": {\"audio\": {\"mimeType\": \"audio/pcm;rate=16000\", \"data\": \"" + b64 + "\"}}}"));
        assertTrue(e.getMessage().startsWith("Invalid value at 'realtime_input.audio.data'"), e.getMessage());
    }

    @Test
    void base64ThatIsNotAStringIsRefused() {
        assertInvalidPayload(() -> strict.decodeClient("{\"realtimeInput\": {\"audio\": {\"mimeType\": \"audio/pcm\", \"data\": 12}}}"));
        assertInvalidPayload(() -> strict.decodeClient("{\"realtimeInput\": {\"audio\": {\"mimeType\": \"audio/pcm\", \"data\": [1, 2]}}}"));
    }

    // ---- envelopes

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{}",
            "{\"setup\": null}",
            "{\"clientContent\": {\"turnComplete\": true}, \"realtimeInput\": {\"text\": \"hi\"}}",
            "{\"setup\": {\"model\": \"models/m\"}, \"toolResponse\": {\"functionResponses\": []}}",
            "{\"client_content\": {\"turn_complete\": true}, \"realtime_input\": {\"text\": \"hi\"}}"})
    void aFrameMustCarryExactlyOneEnvelope(String json) {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(json));
        assertTrue(e.getMessage().startsWith("Request contains an invalid argument."), e.getMessage());
        assertTrue(e.getMessage().contains("exactly one of setup, clientContent, realtimeInput, toolResponse"), e.getMessage());
        assertInvalidPayload(() -> LiveCodec.lenient().decodeClient(json));
    }

    // ---- enums

    @Test
    void invalidEnumValueIsRefusedWithAMessageNamingThePath() {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"setup\": {\"model\": \"models/m\", \"generationConfig\": {\"responseModalities\": [\"AUDIO\", \"HOLOGRAM\"]}}}"));
        assertEquals("Invalid value at 'setup.generation_config.response_modalities[1]', \"HOLOGRAM\"", e.getMessage());

        e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"setup\": {\"model\": \"models/m\", \"realtimeInputConfig\": {\"activityHandling\": \"SOMETIMES\"}}}"));
        assertEquals("Invalid value at 'setup.realtime_input_config.activity_handling', \"SOMETIMES\"", e.getMessage());

        e = assertInvalidPayload(() -> strict.decodeClient(
                "{\"tool_response\": {\"function_responses\": [{\"id\": \"1\", \"scheduling\": \"LATER\"}]}}"));
        assertEquals("Invalid value at 'tool_response.function_responses[0].scheduling', \"LATER\"", e.getMessage());
    }

    // ---- malformed JSON

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "   ", "{\"setup\": ", "not json", "{\"setup\": {\"model\": \"m\",}}", "{'setup': {}}",
            "[]", "[{\"setup\": {}}]", "\"setup\"", "42", "null", "{\"setup\": {\"model\": \"m\"}} trailing",
            "{\"realtimeInput\": {\"text\": \"a\"}}{\"realtimeInput\": {\"text\": \"b\"}}"})
    void malformedOrNonObjectJsonIsRefusedWith1007(String json) {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient(json));
        assertTrue(e.getMessage().startsWith("Invalid JSON payload received."), e.getMessage());
        assertInvalidPayload(() -> strict.decodeClient(json.getBytes(StandardCharsets.UTF_8)));
        assertInvalidPayload(() -> strict.decodeClient(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void invalidUtf8IsRefusedWith1007() {
        byte[] bad = {'{', '"', 's', 'e', 't', 'u', 'p', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
        assertInvalidPayload(() -> strict.decodeClient(bad));
    }

    @Test
    void aValueOfTheWrongShapeIsRefusedNamingThePath() {
        ProtocolException e = assertInvalidPayload(() -> strict.decodeClient("{\"clientContent\": {\"turns\": {\"role\": \"user\"}}}"));
        assertTrue(e.getMessage().contains("client_content.turns"), e.getMessage());
        e = assertInvalidPayload(() -> strict.decodeClient("{\"setup\": {\"model\": \"m\", \"generationConfig\": {\"topK\": \"many\"}}}"));
        assertTrue(e.getMessage().contains("setup.generation_config.top_k"), e.getMessage());
    }

    @Test
    void strictRulesApplyToBinaryFramesToo() {
        byte[] utf8 = "{\"setup\": {\"model\": \"models/m\", \"proactivityX\": {}}}".getBytes(StandardCharsets.UTF_8);
        String expected = "Invalid JSON payload received. Unknown name \"proactivityX\" at 'setup': Cannot find field.";
        assertEquals(expected, assertInvalidPayload(() -> strict.decodeClient(utf8)).getMessage());
        assertEquals(expected, assertInvalidPayload(() -> strict.decodeClient(ByteBuffer.wrap(utf8))).getMessage());
    }
}
