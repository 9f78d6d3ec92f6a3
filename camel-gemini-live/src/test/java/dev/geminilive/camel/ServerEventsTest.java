package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.GoAway;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionUpdate;
import dev.geminilive.protocol.ToolCallCancellation;
import dev.geminilive.protocol.UsageMetadata;
import dev.geminilive.protocol.Modality;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Every kind of server message reaches the consumer as its event, with its body and headers. */
class ServerEventsTest extends EmulatorTestSupport {

    private final List<Exchange> events = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:go").to(uri("events", "model=" + MODEL_3));
                from(uri("events", "")).process(e -> events.add(e.copy()));
            }
        };
    }

    @Test
    void thoughtsCodeCancellationsGoAwayHandlesUsageAndDisconnectsBecomeEvents() throws Exception {
        assertEquals("You said: hi", template.requestBody("direct:go", "hi", String.class));
        // the server's own resumption update follows the turn; count from after it
        await(() -> {
            List<String> seen = types(events);
            int turnComplete = seen.lastIndexOf("turnComplete");
            return turnComplete >= 0 && seen.lastIndexOf("sessionResumptionUpdate") > turnComplete;
        }, Duration.ofSeconds(5), "the resumption update after the turn");
        int before = events.size();
        var faults = emulator.lastSession().orElseThrow().faults();
        faults.send(ServerMessage.of(ServerContent.ofModelTurn(new Content(null, List.of(Part.ofThought("thinking it over"),
                Part.ofExecutableCode(new Part.ExecutableCode("PYTHON", "print(6*7)")),
                Part.ofCodeExecutionResult(new Part.CodeExecutionResult("OUTCOME_OK", "42")))))));
        faults.send(ServerMessage.of(new ToolCallCancellation(List.of("function-call-9"))));
        faults.send(ServerMessage.of(new SessionResumptionUpdate("handle-123", true, null)));
        faults.send(ServerMessage.of(UsageMetadata.of(5, 0, Modality.TEXT)));
        faults.send(ServerMessage.of(new GoAway(Duration.ofSeconds(50))));
        faults.close(1011, "Internal error occurred.");
        await(() -> types(events).contains("disconnected"), Duration.ofSeconds(5), "disconnected");

        List<Exchange> after = events.subList(before, events.size());
        List<String> types = types(after);
        assertEquals(List.of("thought", "executableCode", "codeExecutionResult", "toolCallCancellation", "sessionResumptionUpdate",
                "usage", "goAway", "disconnected"), types);
        assertEquals("thinking it over", after.get(0).getMessage().getBody());
        assertEquals("print(6*7)", after.get(1).getMessage().getBody());
        assertEquals("PYTHON", after.get(1).getMessage().getHeader(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME));
        assertEquals("42", after.get(2).getMessage().getBody());
        assertEquals("OUTCOME_OK", after.get(2).getMessage().getHeader(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME));
        assertEquals(List.of("function-call-9"), after.get(3).getMessage().getBody());
        assertEquals("handle-123", after.get(4).getMessage().getHeader(GeminiLiveConstants.RESUMPTION_HANDLE));
        assertInstanceOf(UsageMetadata.class, after.get(5).getMessage().getBody());
        assertEquals(5, after.get(5).getMessage().getHeader(GeminiLiveConstants.PROMPT_TOKENS));
        assertEquals(Duration.ofSeconds(50), after.get(6).getMessage().getHeader(GeminiLiveConstants.TIME_LEFT));
        Map<String, Object> closed = after.get(7).getMessage().getHeaders();
        assertEquals(1011, closed.get(GeminiLiveConstants.CLOSE_CODE));
        assertEquals("Internal error occurred.", closed.get(GeminiLiveConstants.CLOSE_REASON));
        for (Exchange e : after) {
            assertEquals("default", e.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
        }
    }

    @Test
    void aServerCloseFailsTheWaitingExchangeWithTheCodeAndTheNextExchangeReconnects() throws Exception {
        assertEquals("You said: first", template.requestBody("direct:go", "first", String.class));
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(3));
        var reply = template.asyncRequestBody("direct:go", "second");
        Thread.sleep(200);
        emulator.lastSession().orElseThrow().faults().drop();
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> reply.get(5,
                java.util.concurrent.TimeUnit.SECONDS));
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        dev.geminilive.client.LiveClientException closed = assertInstanceOf(dev.geminilive.client.LiveClientException.class, root);
        assertEquals(1006, closed.close().code(), "dropped without a close frame: " + closed.getMessage());
        assertTrue(closed.getMessage().startsWith("Gemini Live session of conversation default closed: 1006"), closed.getMessage());
        assertEquals("You said: third", template.requestBody("direct:go", "third", String.class));
        assertEquals(2, emulator.sessions().size());
    }

    private static List<String> types(List<Exchange> list) {
        return list.stream().map(e -> e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)).toList();
    }
}
