package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.ServerMessage;

class ToolCallTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    static String setup(String model, String behavior) {
        return "{\"setup\":{\"model\":\"" + model + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"get_weather\",\"parameters\":{\"type\":\"OBJECT\"}"
                + (behavior == null ? "" : ",\"behavior\":\"" + behavior + "\"") + "},{\"name\":\"get_time\"}]}]}}";
    }

    static String response(String id, String name, String responseJson, String extra) {
        return "{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"response\":" + responseJson
                + (extra == null ? "" : "," + extra) + "}]}}";
    }

    @Test
    void namingADeclaredFunctionCallsItWithKeyValueArgsAndTheAnswerQuotesItsOutput() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, null))) {
            c.send(Wire.realtimeText("please get_weather city=\\\"New York\\\" days=3 metric=true"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            assertTrue(call.id().startsWith("function-call-"));
            assertEquals("get_weather", call.name());
            assertEquals(Map.of("city", "New York", "days", 3, "metric", true), call.args());
            assertFalse(c.messages().stream().anyMatch(Wire::isTurnComplete), "a BLOCKING call holds the turn open");
            c.send(response(call.id(), "get_weather", "{\"output\":{\"tempC\":21}}", null));
            List<ServerMessage> turn = c.awaitTurns(1);
            assertEquals("The get_weather tool returned {\"output\":{\"tempC\":21}}.", Wire.text(turn));
        }
    }

    @Test
    void jsonArgumentsInTheTextAreUsed() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, null))) {
            c.send(Wire.realtimeText("get weather {\\\"city\\\": \\\"Oslo\\\", \\\"hours\\\": [1, 2]}"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            assertEquals(Map.of("city", "Oslo", "hours", List.of(1, 2)), call.args());
        }
    }

    @Test
    void twoNamedFunctionsAreCalledInOneToolCallAndAnsweredTogether() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, null))) {
            c.send(Wire.realtimeText("get_time zone=UTC and get_weather city=Rome"));
            List<FunctionCall> calls = c.await(m -> m.toolCall() != null).toolCall().functionCalls();
            assertEquals(List.of("get_time", "get_weather"), calls.stream().map(FunctionCall::name).toList());
            assertEquals(Map.of("zone", "UTC"), calls.get(0).args());
            c.send(response(calls.get(0).id(), "get_time", "{\"output\":\"12:00\"}", null));
            c.send(response(calls.get(1).id(), "get_weather", "{\"output\":\"sunny\"}", null));
            assertEquals("The get_time tool returned {\"output\":\"12:00\"}. The get_weather tool returned {\"output\":\"sunny\"}.",
                    Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void toolResponseWithAnUnknownIdClosesWith1007() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, null))) {
            c.send(response("function-call-999999", "get_weather", "{\"output\":1}", null));
            assertEquals(1007, c.awaitClose().getCloseCode().getCode());
        }
    }

    private static int turnCompletes(List<ServerMessage> ms) {
        return (int) ms.stream().filter(Wire::isTurnComplete).count();
    }

    @Test
    void nonBlockingCallLetsTheModelGoOnAndWhenIdleAnswersAfterwards() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, "NON_BLOCKING"))) {
            c.send(Wire.realtimeText("get_weather city=Lima"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            List<ServerMessage> first = c.awaitTurns(1);
            assertEquals("I am calling get_weather.", Wire.text(first));
            c.send(response(call.id(), "get_weather", "{\"output\":\"warm\"}", "\"scheduling\":\"WHEN_IDLE\""));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("The get_weather tool returned {\"output\":\"warm\"}.", Wire.text(all.subList(first.size(), all.size())));
        }
    }

    @Test
    void nonBlockingSilentResultIsOnlyAddedToContext() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, "NON_BLOCKING"))) {
            c.send(Wire.realtimeText("get_weather city=Lima"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            c.awaitTurns(1);
            // scheduling inside response, as the docs' snippet puts it
            c.send(response(call.id(), "get_weather", "{\"output\":\"warm\",\"scheduling\":\"SILENT\"}", null));
            c.send(Wire.realtimeText("next"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals(2, turnCompletes(all));
            assertFalse(Wire.text(all).contains("tool returned"));
        }
    }

    @Test
    void nonBlockingInterruptResultCutsTheCurrentTurn() throws Exception {
        try (GeminiLiveEmulator slow = GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(80)).start();
                RawLiveClient c = Wire.open(slow, setup(ModelCatalog.TEST_MODEL, "NON_BLOCKING"))) {
            c.send(Wire.realtimeText("get_weather city=Lima"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            c.await(m -> m.serverContent() != null && m.serverContent().modelTurn() != null);
            c.send(response(call.id(), "get_weather", "{\"output\":\"cold\"}", "\"scheduling\":\"INTERRUPT\""));
            int at = c.awaitIndex(m -> m.serverContent() != null && m.serverContent().isInterrupted(), Duration.ofSeconds(5));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("The get_weather tool returned {\"output\":\"cold\"}.", Wire.text(all.subList(at, all.size())));
        }
    }

    @Test
    void gemini3TreatsNonBlockingAsBlocking() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL_3, "NON_BLOCKING"))) {
            c.send(Wire.realtimeText("get_weather city=Lima"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            assertEquals(0, turnCompletes(c.messages()));
            c.send(response(call.id(), "get_weather", "{\"output\":\"dry\"}", null));
            assertEquals("The get_weather tool returned {\"output\":\"dry\"}.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void willContinueKeepsANonBlockingCallOpenForMoreResponses() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(ModelCatalog.TEST_MODEL, "NON_BLOCKING"))) {
            c.send(Wire.realtimeText("get_weather city=Lima"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            c.awaitTurns(1);
            c.send(response(call.id(), "get_weather", "{\"output\":\"part 1\"}", "\"willContinue\":true,\"scheduling\":\"WHEN_IDLE\""));
            c.awaitTurns(2);
            c.send(response(call.id(), "get_weather", "{}", "\"willContinue\":false,\"scheduling\":\"SILENT\""));
            c.send(response(call.id(), "get_weather", "{}", null));
            assertEquals(1007, c.awaitClose().getCloseCode().getCode(), "the call is finished: its id is unknown now");
        }
    }
}
