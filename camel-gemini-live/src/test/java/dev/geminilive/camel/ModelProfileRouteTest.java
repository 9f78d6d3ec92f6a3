package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.Part;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The component adapts to the model's family, read from the shared profile table, and refuses at start what it cannot take. */
class ModelProfileRouteTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:default").to(uri("default", "outputAudioTranscription=true"));
                from("direct:extended").to(uri("extended", "model=gemini-3.8-live-extended-thinking&thinkingLevel=high"
                                                           + "&outputAudioTranscription=true"));
                from("direct:tools38").to(uri("tools38", "functions=resource:classpath:tools/functions.json"
                                                         + "&toolEndpoint.get_weather=direct:weather&toolScheduling=WHEN_IDLE"));
                from("direct:async38").to(uri("async38", "functions=resource:classpath:tools/async-functions.json"
                                                         + "&toolEndpoint.book_table=direct:weather&toolScheduling=WHEN_IDLE"));
                from("direct:tools31").to(uri("tools31", "model=" + MODEL_3 + "&functions=resource:classpath:tools/functions.json"
                                                         + "&toolEndpoint.get_weather=direct:weather&toolScheduling=WHEN_IDLE"));
                from("direct:chat31").to(uri("chat31", "model=" + MODEL_3 + "&outputAudioTranscription=true"));
                from("direct:weather").setBody(constant("{\"tempC\":21}"));
                from("direct:transcribe").to(uri("transcribe", "model=gemini-3.5-transcribe-live-preview"));
                from(uri("transcribe", "events=inputTranscription")).process(e -> fragments.add(e.getMessage().getBody(String.class)));
            }
        };
    }

    private final List<String> fragments = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Test
    void aTranscriptionModelRepliesWithWhatItHeardAndStreamsTheFragmentsToConsumers() throws Exception {
        byte[] wav = dev.geminilive.audio.WavWriter.toWav(MediaTest.speechLike(16000, 3), 16000);
        String heard = template.requestBody("direct:transcribe", wav, String.class);
        assertTrue(heard.matches("\\[audio [0-9.]+ s\\]"), heard);
        await(() -> String.join("", fragments).equals(heard), Duration.ofSeconds(5), "the fragments");
        assertTrue(fragments.size() > 1, "interim fragments reach the consumer: " + fragments);
        assertEquals("models/gemini-3.5-transcribe-live-preview", emulator.sessions().get(0).setup().orElseThrow().model());
        assertEquals(List.of(dev.geminilive.protocol.Modality.TEXT),
                emulator.sessions().get(0).setup().orElseThrow().generationConfig().responseModalities(), "TEXT is its default");
    }

    @Test
    void aRouteWithNoModelTalksToGemini38Live() {
        assertEquals("You said: hello", template.requestBody("direct:default", "hello", String.class));
        EmulatorSession s = emulator.sessions().get(0);
        assertEquals("models/gemini-3.8-live", s.setup().orElseThrow().model());
        assertNull(s.setup().orElseThrow().generationConfig().thinkingConfig(), "3.8 takes no thinking options");
    }

    @Test
    void extendedThinkingSendsItsThinkingLevel() {
        assertEquals("You said: hi", template.requestBody("direct:extended", "hi", String.class));
        assertEquals("HIGH", emulator.sessions().get(0).setup().orElseThrow().generationConfig().thinkingConfig().thinkingLevel()
                .toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void optionsTheModelDoesNotTakeStopTheRouteFromStartingNamingTheOption() {
        assertStartFails("responseModalities=TEXT", "gemini-3.8-live (Gemini 3.8 Live) answers only in [AUDIO]: responseModalities=TEXT "
                                                    + "is not supported; use responseModalities=AUDIO with outputAudioTranscription=true");
        assertStartFails("thinkingLevel=LOW", "gemini-3.8-live takes no thinking options: remove thinkingLevel");
        assertStartFails("model=gemini-3.8-live-extended-thinking&thinkingBudget=100",
                "thinkingBudget is not supported by gemini-3.8-live-extended-thinking; use thinkingLevel");
        assertStartFails("model=gemini-3.8-live-extended-thinking&thinkingLevel=minimal",
                "thinkingLevel must be one of LOW, MEDIUM, HIGH for gemini-3.8-live-extended-thinking, not: MINIMAL");
        assertStartFails("proactiveAudio=false", "proactiveAudio is always on for gemini-3.8-live; remove proactiveAudio=false");
        assertStartFails("enableAffectiveDialog=true", "enableAffectiveDialog is not supported by gemini-3.8-live (removed in this model)");
        assertStartFails("responseModalities=TEXT,AUDIO", "responseModalities must be AUDIO or TEXT, not: TEXT,AUDIO");
        assertStartFails("modelProfile=gemini-4", "modelProfile must be auto or one of gemini-2.5-half-cascade");
        assertEquals(0, emulator.sessions().size(), "nothing was sent");
    }

    @Test
    void onGemini38AFunctionWithoutBehaviorIsDeclaredBlockingSoInOutGetsTheToolsAnswer() throws Exception {
        String answer = template.requestBody("direct:tools38", "Please get_weather city=Paris", String.class);
        assertEquals("The get_weather tool returned {\"output\":\"{\\\"tempC\\\":21}\"}.", answer);
        dev.geminilive.protocol.Setup setup = emulator.sessions().get(0).setup().orElseThrow();
        assertTrue(setup.tools().get(0).functionDeclarations().stream()
                .allMatch(f -> f.behavior() == dev.geminilive.protocol.FunctionDeclaration.Behavior.BLOCKING), "explicit on the wire");
        assertNull(responses().get(0).response().scheduling(), "a BLOCKING result has no scheduling");
    }

    @Test
    void onGemini38ADeclaredNonBlockingFunctionsResultCarriesItsSchedulingWhile31WaitsForEveryCall() throws Exception {
        template.sendBody("direct:async38", "Please book_table guests=2");
        template.sendBody("direct:tools31", "Please get_weather city=Paris");
        await(() -> responses().size() == 2, Duration.ofSeconds(5), "both tool responses");
        List<Sent> sent = responses();
        FunctionResponse on38 = sent.stream().filter(r -> r.model().equals("models/gemini-3.8-live")).findFirst().orElseThrow().response();
        FunctionResponse on31 = sent.stream().filter(r -> !r.model().equals("models/gemini-3.8-live")).findFirst().orElseThrow().response();
        assertEquals(FunctionResponse.Scheduling.WHEN_IDLE, on38.scheduling());
        assertNull(on31.scheduling(), "3.1 waits for every call: no scheduling");
    }

    @Test
    void gemini3TakesClientContentMidSessionWithRolesAndRefusesATurnWithoutOne() {
        assertEquals("You said: hello", template.requestBody("direct:chat31", "hello", String.class));
        template.sendBodyAndHeader("direct:chat31", List.of(Content.user("My name is Ada")), GeminiLiveConstants.MESSAGE_TYPE, "clientContent");
        assertEquals("Your name is Ada.", template.requestBody("direct:chat31", "What is my name?", String.class));

        CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:chat31",
                List.of(new Content(null, List.of(Part.ofText("no role")))), GeminiLiveConstants.MESSAGE_TYPE, "clientContent"));
        assertEquals("clientContent turn 1 needs the role user or model on " + MODEL_3 + ", not: null", e.getCause().getMessage());
        assertEquals(1, emulator.sessions().size());
    }

    /** A tool response as the server received it, with the model of its session. */
    private record Sent(String model, FunctionResponse response) {
    }

    private List<Sent> responses() {
        return emulator.sessions().stream().flatMap(s -> s.allFrames().stream()
                .filter(f -> f.client() != null && f.client().toolResponse() != null)
                .map(f -> new Sent(s.setup().orElseThrow().model(), f.client().toolResponse().functionResponses().get(0)))).toList();
    }

    private void assertStartFails(String options, String expected) {
        Exception e = assertThrows(Exception.class, () -> context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:bad" + Math.abs(options.hashCode())).to(uri("bad" + Math.abs(options.hashCode()), options));
            }
        }));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().startsWith(expected) || root.getMessage().contains(expected), options + ": " + root.getMessage());
    }
}
