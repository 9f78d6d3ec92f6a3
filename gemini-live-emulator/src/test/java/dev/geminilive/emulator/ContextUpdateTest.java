package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.ServerMessage;

/** {@code contextUpdate}: the system instruction and the tools change mid-session, and the next turn already uses them. */
class ContextUpdateTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    private static final String LONG_INSTRUCTION = "You are a patient assistant who always explains every step in detail. ".repeat(8);

    private static String setupWithWeather() {
        return "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"systemInstruction\":{\"parts\":[{\"text\":\"Be brief.\"}]},"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\"}]}]}}";
    }

    @Test
    void newToolsReplaceTheDeclaredOnesForTheNextTurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setupWithWeather())) {
            c.send("{\"contextUpdate\":{\"tools\":{\"tools\":[{\"functionDeclarations\":[{\"name\":\"book_table\"}]}]}}}");
            c.send(Wire.realtimeText("please book_table guests=2"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            assertEquals("book_table", call.name());
            assertEquals(Map.of("guests", 2), call.args());
            c.send(ToolCallTest.response(call.id(), "book_table", "{\"output\":\"booked\"}", null));
            c.awaitTurns(1);

            c.send(Wire.realtimeText("please get_weather city=Rome"));
            List<ServerMessage> turns = c.awaitTurns(2);
            assertEquals(1, turns.stream().filter(m -> m.toolCall() != null).count(), "get_weather is no longer declared");
            assertTrue(c.isOpen());
        }
    }

    @Test
    void anEmptyToolListRemovesEveryTool() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setupWithWeather())) {
            c.send("{\"contextUpdate\":{\"tools\":{\"tools\":[]}}}");
            c.send(Wire.realtimeText("please get_weather city=Rome"));
            List<ServerMessage> turn = c.awaitTurns(1);
            assertFalse(turn.stream().anyMatch(m -> m.toolCall() != null), "no tool is declared any more");
        }
    }

    @Test
    void aNewSystemInstructionCountsInThePromptOfTheNextTurn() throws Exception {
        int kept = secondTurnPromptTokens(null);
        int replaced = secondTurnPromptTokens("{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\""
                + LONG_INSTRUCTION + "\"}]}}}");
        assertTrue(replaced > kept + 50, "prompt tokens with the long instruction " + replaced + ", with the setup's " + kept);
    }

    private static int secondTurnPromptTokens(String update) throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setupWithWeather())) {
            c.send(Wire.realtimeText("hello"));
            c.awaitTurns(1);
            if (update != null) {
                c.send(update);
            }
            c.send(Wire.realtimeText("hello again"));
            List<ServerMessage> turns = c.awaitTurns(2);
            return turns.get(turns.size() - 1).usageMetadata().promptTokenCount();
        }
    }

    @Test
    void contextUpdateBeforeSetupClosesWith1007() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send("{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\"x\"}]}}}");
            CloseReason r = c.awaitClose();
            assertEquals(1007, r.getCloseCode().getCode());
            assertTrue(r.getReasonPhrase().startsWith("Request contains an invalid argument."), r.getReasonPhrase());
        }
    }

    @Test
    void contextUpdateWithAnUnknownFieldClosesWith1007AndTheServersWording() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setupWithWeather())) {
            c.send("{\"contextUpdate\":{\"generationConfig\":{}}}");
            CloseReason r = c.awaitClose();
            assertEquals(1007, r.getCloseCode().getCode());
            assertEquals("Invalid JSON payload received. Unknown name \"generationConfig\" at 'context_update': Cannot find field.",
                    r.getReasonPhrase());
        }
    }
}
