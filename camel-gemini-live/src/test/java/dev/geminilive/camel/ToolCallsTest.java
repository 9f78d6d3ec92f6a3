package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.ToolCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Function calls answered by Camel endpoints, BLOCKING, on a 3.x model. */
class ToolCallsTest extends EmulatorTestSupport {

    private static final String TOOLS = "functions=resource:classpath:tools/functions.json"
                                        + "&toolEndpoint.get_weather=direct:weather&toolEndpoint.get_time=direct:time"
                                        + "&toolEndpoint.get_news=direct:news&toolEndpoint.failing_tool=direct:failing"
                                        + "&toolEndpoint.slow_tool=direct:slow";

    private final List<Exchange> toolExchanges = new CopyOnWriteArrayList<>();
    private final List<Exchange> cancellations = new CopyOnWriteArrayList<>();
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch releaseSlow = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("tools", "model=" + MODEL_3 + "&" + TOOLS));
                from("direct:bargeIn").to(uri("tools", "model=" + MODEL_3 + "&turnPolicy=interrupt&" + TOOLS));
                from("direct:quick").to(uri("quick", "model=" + MODEL_3 + "&toolTimeout=300&" + TOOLS));
                from(uri("tools", "events=toolCallCancellation")).process(e -> cancellations.add(e.copy()));

                from("direct:weather").process(e -> {
                    toolExchanges.add(e.copy());
                    Map<?, ?> args = e.getMessage().getBody(Map.class);
                    e.getMessage().setBody(Map.of("city", args.get("city"), "tempC", 21));
                });
                from("direct:time").process(e -> e.getMessage().setBody("12:00 in " + e.getMessage().getBody(Map.class).get("zone")));
                from("direct:news").process(e -> e.getMessage().setBody(new Headline("Camel speaks", 3)));
                from("direct:failing").process(e -> {
                    throw new IllegalStateException("database down");
                });
                from("direct:slow").process(e -> {
                    toolExchanges.add(e);
                    slowStarted.countDown();
                    releaseSlow.await(5, TimeUnit.SECONDS);
                    e.getMessage().setBody("slow result");
                });
            }
        };
    }

    /** A POJO tool result, written through Jackson. */
    public record Headline(String title, int minutes) {
    }

    @Test
    void aToolsOutputReachesTheModelAndAppearsInItsAnswer() {
        String answer = template.requestBodyAndHeader("direct:ask", "What is the weather? get_weather city=Paris", "X-Caller", "private",
                String.class);
        assertEquals("The get_weather tool returned {\"output\":{\"city\":\"Paris\",\"tempC\":21}}.", answer.replace(
                "{\"output\":{\"tempC\":21,\"city\":\"Paris\"}}", "{\"output\":{\"city\":\"Paris\",\"tempC\":21}}"));
        Exchange tool = toolExchanges.get(0);
        assertEquals("get_weather", tool.getMessage().getHeader(GeminiLiveConstants.FUNCTION_NAME));
        assertTrue(tool.getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class).startsWith("function-call-"));
        assertEquals("default", tool.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
        assertNull(tool.getMessage().getHeader("X-Caller"), "a tool exchange does not inherit the caller's headers");
    }

    @Test
    void argumentNamesCannotSetCamelHeaders() {
        template.requestBody("direct:ask", "get_weather city=Rome CamelFileName=/etc/passwd CamelGeminiLiveConversationId=other",
                String.class);
        Exchange tool = toolExchanges.get(0);
        assertNull(tool.getMessage().getHeader("CamelFileName"));
        assertEquals("default", tool.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
        assertEquals("/etc/passwd", tool.getMessage().getBody(Map.class).get("CamelFileName"), "it stays an argument");
    }

    @Test
    void anExceptionBecomesAnErrorResponseAndTheConversationGoesOn() {
        assertEquals("The failing_tool tool returned {\"error\":\"The function failing_tool failed.\"}.",
                template.requestBody("direct:ask", "Please run failing_tool now", String.class));
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:ask", "My name is Ada", String.class));
    }

    @Test
    void aSlowToolTimesOutIntoAnErrorResponse() {
        String answer = template.requestBody("direct:quick", "Please run slow_tool now", String.class);
        assertEquals("The slow_tool tool returned {\"error\":\"The function slow_tool did not answer within 300ms\"}.", answer);
        releaseSlow.countDown();
        assertEquals(Boolean.TRUE, toolExchanges.get(0).getProperty(GeminiLiveConstants.TOOL_CANCELLED));
    }

    @Test
    void aCallStartedAfterAnAnsweredOneTimesOutAtItsOwnDeadline() throws Exception {
        // the quick call arms the conversation's one deadline check for 300 ms after it; the slow call starts 200 ms
        // later, so that check comes early for it and must wait again instead of cutting it short
        String quick = template.requestBodyAndHeader("direct:quick", "get_weather city=Oslo", GeminiLiveConstants.CONVERSATION_ID,
                "deadlines", String.class);
        assertTrue(quick.contains("\"city\":\"Oslo\""), quick);
        Thread.sleep(200);
        long t0 = System.nanoTime();
        String slow = template.requestBodyAndHeader("direct:quick", "Please run slow_tool now", GeminiLiveConstants.CONVERSATION_ID,
                "deadlines", String.class);
        long tookMillis = (System.nanoTime() - t0) / 1_000_000;
        releaseSlow.countDown();
        assertEquals("The slow_tool tool returned {\"error\":\"The function slow_tool did not answer within 300ms\"}.", slow);
        assertTrue(tookMillis >= 300, "timed out after " + tookMillis + " ms, before its own 300 ms");
        assertTrue(tookMillis < 3000, "timed out only after " + tookMillis + " ms");
    }

    @Test
    void threeCallsInOneToolCallAreAllAnswered() throws Exception {
        String answer = template.requestBody("direct:ask",
                "Brief me: get_weather city=Oslo, get_time zone=UTC, get_news topic=camel", String.class);
        assertTrue(answer.contains("The get_weather tool returned {\"output\":{"), answer);
        assertTrue(answer.contains("The get_time tool returned {\"output\":\"12:00 in UTC\"}."), answer);
        assertTrue(answer.contains("The get_news tool returned {\"output\":{\"title\":\"Camel speaks\",\"minutes\":3}}."), answer);
        List<RecordedFrame> frames = emulator.sessions().get(0).allFrames();
        ToolCall call = frames.stream().filter(f -> f.server() != null && f.server().toolCall() != null).findFirst().orElseThrow()
                .server().toolCall();
        assertEquals(3, call.functionCalls().size());
        List<String> answered = frames.stream().filter(f -> f.client() != null && f.client().toolResponse() != null)
                .flatMap(f -> f.client().toolResponse().functionResponses().stream()).map(FunctionResponse::id).sorted().toList();
        assertEquals(call.functionCalls().stream().map(FunctionCall::id).sorted().toList(), answered);
    }

    @Test
    void bargeInDuringAToolCallCancelsItAndNoResponseIsSent() throws Exception {
        template.asyncSendBody("direct:bargeIn", "Please run slow_tool now");
        assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
        String callId = toolExchanges.get(0).getMessage().getHeader(GeminiLiveConstants.TOOL_CALL_ID, String.class);

        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:bargeIn", "Stop. My name is Ada", String.class));
        await(() -> !cancellations.isEmpty(), Duration.ofSeconds(5), "the toolCallCancellation event");
        assertEquals(List.of(callId), cancellations.get(0).getMessage().getBody(List.class));
        assertEquals(Boolean.TRUE, toolExchanges.get(0).getProperty(GeminiLiveConstants.TOOL_CANCELLED),
                "the running exchange is told");

        releaseSlow.countDown();
        Thread.sleep(300);
        boolean responded = emulator.sessions().get(0).allFrames().stream()
                .anyMatch(f -> f.client() != null && f.client().toolResponse() != null);
        assertFalse(responded, "no response is sent for a cancelled call");
        assertTrue(emulator.sessions().get(0).isOpen());
    }
}
