package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.ToolCall;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Calls of functions without an endpoint: answered by the consumer's route, or with an error when nobody listens. */
class RouteAnsweredToolsTest extends EmulatorTestSupport {

    private static final String FUNCTIONS = "functions=resource:classpath:tools/functions.json";

    private final List<ToolCall> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:nobody").to(uri("nobody", "model=" + MODEL_3 + "&" + FUNCTIONS));

                from("direct:routed").to(uri("routed", "model=" + MODEL_3 + "&" + FUNCTIONS + "&toolEndpoint.get_time=direct:time"));
                from("direct:time").setBody(constant("noon"));
                from(uri("routed", "events=toolCall"))
                        .process(e -> {
                            ToolCall call = e.getMessage().getBody(ToolCall.class);
                            events.add(call);
                            List<?> toAnswer = e.getMessage().getHeader(GeminiLiveConstants.CALLS_TO_ANSWER, List.class);
                            List<FunctionResponse> responses = new ArrayList<>();
                            for (FunctionCall fc : call.functionCalls()) {
                                if (toAnswer.contains(fc.id())) {
                                    responses.add(FunctionResponse.output(fc.id(), fc.name(), Map.of("answeredBy", "route")));
                                }
                            }
                            e.getMessage().setBody(responses);
                            e.getMessage().setHeader(GeminiLiveConstants.MESSAGE_TYPE, "toolResponse");
                        })
                        .to(uri("routed", ""));
            }
        };
    }

    @Test
    void anUnmappedCallWithNoConsumerIsAnsweredWithAnErrorWithinOneSecond() {
        String answer = template.requestBody("direct:nobody", "Please run unmapped_tool now", String.class);
        assertEquals("The unmapped_tool tool returned {\"error\":\"No Camel endpoint answers function unmapped_tool (set "
                     + "toolEndpoint.unmapped_tool) and no consumer receives toolCall events\"}.", answer);
        List<RecordedFrame> frames = emulator.sessions().get(0).allFrames();
        Instant called = frames.stream().filter(f -> f.server() != null && f.server().toolCall() != null).findFirst().orElseThrow()
                .time();
        Instant answered = frames.stream().filter(f -> f.client() != null && f.client().toolResponse() != null).findFirst()
                .orElseThrow().time();
        assertTrue(Duration.between(called, answered).toMillis() < 1000, "answered in " + Duration.between(called, answered));
    }

    @Test
    void aConsumerRouteAnswersCallsWithoutAnEndpointThroughTheProducer() {
        String answer = template.requestBody("direct:routed", "Please run unmapped_tool now", String.class);
        assertEquals("The unmapped_tool tool returned {\"output\":{\"answeredBy\":\"route\"}}.", answer);
    }

    @Test
    void onlyCallsWithoutAToolEndpointReachTheConsumer() {
        assertEquals("The get_time tool returned {\"output\":\"noon\"}.", template.requestBody("direct:routed", "get_time zone=UTC",
                String.class));
        assertEquals(List.of(), events, "a call its endpoint answers is no event");

        String answer = template.requestBody("direct:routed", "get_time zone=UTC and unmapped_tool", String.class);
        assertTrue(answer.contains("The unmapped_tool tool returned {\"output\":{\"answeredBy\":\"route\"}}."), answer);
        assertEquals(1, events.size());
        assertEquals(List.of("unmapped_tool"), events.get(0).functionCalls().stream().map(FunctionCall::name).toList(),
                "the event holds only the call the route must answer");
    }
}
