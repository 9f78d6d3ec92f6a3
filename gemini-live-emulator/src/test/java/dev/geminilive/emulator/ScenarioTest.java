package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.geminilive.emulator.scenario.Action;
import dev.geminilive.emulator.scenario.Rule;
import dev.geminilive.emulator.scenario.Scenario;
import dev.geminilive.emulator.scenario.Trigger;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.ServerMessage;

class ScenarioTest {

    private static GeminiLiveEmulator with(Scenario s) {
        return GeminiLiveEmulator.builder().scenario(s).start();
    }

    @Test
    void everyExampleScenarioFileParses() throws Exception {
        for (String f : List.of("weather-tool", "go-away-on-second-turn", "flaky-network", "spoken-turns")) {
            assertTrue(Scenario.fromClasspath("scenarios/" + f + ".json").rules().size() >= 1, f);
        }
    }

    @Test
    void unknownScenarioFieldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Scenario.parse("{\"rules\":[{\"on\":{\"textContain\":\"x\"}}]}"));
    }

    @Test
    void scriptedToolCallWithArgsThenScriptedReplyToItsResponse() throws Exception {
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/weather-tool.json"));
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("how is the weather?"));
            FunctionCall call = c.await(m -> m.toolCall() != null).toolCall().functionCalls().get(0);
            assertEquals(Map.of("city", "Paris", "unit", "C"), call.args());
            c.send(ToolCallTest.response(call.id(), "get_weather", "{\"output\":\"sun\"}", null));
            assertEquals("It is sunny in Paris.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void scriptedSeveralCallsInOneToolCall() throws Exception {
        Scenario s = Scenario.of(Rule.of(Trigger.textContains("both"), Action.ofToolCall(List.of(
                new Action.Call("a", Map.of("x", 1)), new Action.Call("b", Map.of())))));
        try (GeminiLiveEmulator e = with(s); RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("do both"));
            List<FunctionCall> calls = c.await(m -> m.toolCall() != null).toolCall().functionCalls();
            assertEquals(List.of("a", "b"), calls.stream().map(FunctionCall::name).toList());
            c.send("{\"toolResponse\":{\"functionResponses\":[{\"id\":\"" + calls.get(0).id() + "\",\"response\":{\"output\":1}},"
                    + "{\"id\":\"" + calls.get(1).id() + "\",\"response\":{\"output\":2}}]}}");
            assertEquals("The a tool returned {\"output\":1}. The b tool returned {\"output\":2}.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void goAwayOnTheSecondTurnThenTheDefaultAnswer() throws Exception {
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/go-away-on-second-turn.json"));
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("one"));
            int first = c.awaitTurns(1).size();
            assertTrue(c.messages().stream().noneMatch(m -> m.goAway() != null));
            c.send(Wire.realtimeText("two"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals(Duration.ofSeconds(5), all.stream().filter(m -> m.goAway() != null).findFirst().orElseThrow().goAway().timeLeft());
            assertEquals("You said: two", Wire.text(all.subList(first, all.size())));
        }
    }

    @Test
    void dropEndsTheConnectionWithoutACloseFrame() throws Exception {
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/flaky-network.json"));
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("please drop"));
            assertEquals(1006, c.awaitClose().getCloseCode().getCode());
            CloseStatus s = e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            assertTrue(s.abrupt() && s.byServer());
        }
    }

    @Test
    void closeWithACodeAndReason() throws Exception {
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/flaky-network.json"));
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("crash now"));
            var r = c.awaitClose();
            assertEquals(1011, r.getCloseCode().getCode());
            assertEquals("Internal error occurred.", r.getReasonPhrase());
        }
    }

    @Test
    void replyThenMalformedFrame() throws Exception {
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/flaky-network.json"));
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("send garbage"));
            c.await(m -> m.serverContent() != null && m.serverContent().modelTurn() != null);
            e.lastSession().orElseThrow().awaitFrame(f -> f.isOut() && f.server() == null, Duration.ofSeconds(5));
            assertTrue(c.frames().size() >= 2);
        }
    }

    @Test
    void stallHoldsTheAnswerBack() throws Exception {
        Scenario s = Scenario.of(Rule.of(Trigger.textContains("stall"), Action.ofStall(300)));
        try (GeminiLiveEmulator e = with(s); RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            long start = System.nanoTime();
            c.send(Wire.realtimeText("stall please"));
            assertEquals("You said: stall please", Wire.text(c.awaitTurns(1)));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
        }
    }

    @Test
    void spokenTurnsCanBeGivenATranscriptSoMemoryWorksWithAudio() throws Exception {
        String setup = "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"inputAudioTranscription\":{}}}";
        try (GeminiLiveEmulator e = with(Scenario.fromClasspath("scenarios/spoken-turns.json")); RawLiveClient c = Wire.open(e, setup)) {
            c.send(Audio.speech(400));
            c.send(Audio.silence(600));
            List<ServerMessage> first = c.awaitTurns(1);
            assertTrue(first.stream().anyMatch(m -> m.serverContent() != null && m.serverContent().inputTranscription() != null
                    && m.serverContent().inputTranscription().text().equals("my name is Ada")));
            c.send(Audio.speech(400));
            c.send(Audio.silence(600));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("Your name is Ada.", Wire.text(all.subList(first.size(), all.size())));
        }
    }

    @Test
    void connectRuleLetsTheModelSpeakFirst() throws Exception {
        Scenario s = Scenario.of(Rule.once(Trigger.onConnect(), Action.ofReply("Welcome!")));
        try (GeminiLiveEmulator e = with(s); RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            assertEquals("Welcome!", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void rulesWithTimesFireOnlyThatOften() throws Exception {
        Scenario s = Scenario.of(Rule.once(Trigger.anyInput(), Action.ofReply("first only")));
        try (GeminiLiveEmulator e = with(s); RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("a"));
            int first = c.awaitTurns(1).size();
            c.send(Wire.realtimeText("b"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("first only", Wire.text(all.subList(0, first)));
            assertEquals("You said: b", Wire.text(all.subList(first, all.size())));
        }
    }

    @Test
    void regexTriggerWithAudioReplyResumptionUpdateDelayAndRawFrame() throws Exception {
        Scenario s = Scenario.parse("""
                {"rules": [{"on": {"textMatches": "^order #\\\\d+$"}, "do": [
                    {"resumptionUpdate": true},
                    {"delay": 100},
                    {"send": {"goAway": {"timeLeft": "9s"}}},
                    {"replyAudio": "Order received."}
                ]}]}
                """);
        try (GeminiLiveEmulator e = with(s); RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("order #42"));
            List<ServerMessage> turn = c.awaitTurns(1);
            assertTrue(turn.stream().anyMatch(m -> m.sessionResumptionUpdate() != null && m.sessionResumptionUpdate().isResumable()));
            assertEquals(Duration.ofSeconds(9), turn.stream().filter(m -> m.goAway() != null).findFirst().orElseThrow().goAway().timeLeft());
            int pcm = turn.stream().filter(m -> m.serverContent() != null && m.serverContent().modelTurn() != null)
                    .mapToInt(m -> m.serverContent().modelTurn().parts().get(0).inlineData().data().length).sum();
            assertEquals("Order received.".length() * dev.geminilive.emulator.audio.SpeechSynthesizer.BYTES_PER_CHAR, pcm,
                    "replyAudio speaks even in a TEXT session");
            c.send(Wire.realtimeText("order #x"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("You said: order #x", Wire.text(all.subList(turn.size(), all.size())));
        }
    }
}
