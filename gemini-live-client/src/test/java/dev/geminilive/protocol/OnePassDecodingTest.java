package dev.geminilive.protocol;

import static dev.geminilive.protocol.Frames.assertInvalidPayload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Decoding straight from the frame to the records: binary frames read in place, and errors worded as before. */
class OnePassDecodingTest {

    private static final String TEXT = "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"héllo\"}]},\"turnComplete\":true}}";

    @Test
    void aBinaryFrameIsReadFromItsPositionToItsLimitWithoutMovingEither() {
        byte[] json = TEXT.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[json.length + 10];
        System.arraycopy(json, 0, padded, 5, json.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 5, json.length).slice(); // a non-zero array offset
        ByteBuffer window = ByteBuffer.wrap(padded, 5, json.length); // a non-zero position
        ByteBuffer direct = ByteBuffer.allocateDirect(json.length).put(json).flip();
        ServerMessage expected = LiveCodec.lenient().decodeServer(TEXT);
        assertEquals("héllo", expected.serverContent().modelTurn().parts().get(0).text());
        for (ByteBuffer b : List.of(slice, window, direct)) {
            int position = b.position();
            assertEquals(expected, LiveCodec.lenient().decodeServer(b));
            assertEquals(position, b.position());
            assertEquals(TEXT, LiveCodec.utf8(b));
            assertEquals(position, b.position());
        }
        byte[] client = "..{\"realtime_input\":{\"text\":\"hi\"}}".getBytes(StandardCharsets.UTF_8);
        assertEquals(LiveCodec.strict().decodeClient("{\"realtimeInput\":{\"text\":\"hi\"}}"),
                LiveCodec.strict().decodeClient(ByteBuffer.wrap(client, 2, client.length - 2)));
    }

    @Test
    void malformedJsonInsideAFieldIsReportedAsMalformedJson() {
        ProtocolException e = assertInvalidPayload(() -> LiveCodec.strict().decodeClient("{\"setup\": {\"model\": \"m\", \"generationConfig\": {x}}}"));
        assertTrue(e.getMessage().startsWith("Invalid JSON payload received. Unexpected character"), e.getMessage());
        assertTrue(!e.getMessage().contains("Invalid value at"), e.getMessage());
        e = assertInvalidPayload(() -> LiveCodec.lenient().decodeServer("{\"serverContent\": {\"modelTurn\": {\"parts\": [}}}"));
        assertTrue(e.getMessage().startsWith("Invalid JSON payload received. Unexpected close marker"), e.getMessage());
    }

    @Test
    void snakeCaseKeysAreRenamedOnlyOutsideFreeFormValuesAtAnyDepth() {
        ClientMessage m = LiveCodec.strict().decodeClient("""
                {"tool_response": {"function_responses": [{"id": "1", "name": "f",
                  "response": {"output": {"ship_date": "x", "nested_list": [{"line_item": 1}]}}}]}}
                """);
        assertEquals(Map.of("output", Map.of("ship_date", "x", "nested_list", List.of(Map.of("line_item", 1)))),
                m.toolResponse().functionResponses().get(0).response());
        Setup s = LiveCodec.strict().decodeClient("""
                {"setup": {"model": "m", "tools": [{"function_declarations": [{"name": "f",
                  "parameters_json_schema": {"type": "object", "properties": {"order_id": {"type": "string"}}}}]}]}}
                """).setup();
        assertEquals(Map.of("type", "object", "properties", Map.of("order_id", Map.of("type", "string"))),
                s.tools().get(0).functionDeclarations().get(0).parametersJsonSchema());
    }

    @Test
    void convertAppliesTheSameRulesToATreeOrAMap() {
        Setup s = LiveCodec.strict().convert(Map.of("model", "m", "generation_config", Map.of("max_output_tokens", 5)), Setup.class);
        assertEquals(5, s.generationConfig().maxOutputTokens());
        ProtocolException e = assertInvalidPayload(() -> LiveCodec.strict().convert(Map.of("model", "m", "bogus_field", 1), Setup.class));
        assertEquals("Invalid JSON payload received. Unknown name \"bogusField\": Cannot find field.", e.getMessage());
    }
}
