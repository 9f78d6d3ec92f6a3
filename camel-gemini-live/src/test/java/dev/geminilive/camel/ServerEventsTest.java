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
    void thoughtsCodeCancellationsGoAwayHandlesUsageAndReconnectsBecomeEvents() throws Exception {
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
        faults.send(ServerMessage.of(UsageMetadata.of(5, 0, Modality.TEXT)));
        faults.send(ServerMessage.of(new GoAway(Duration.ofSeconds(50))));
        await(() -> types(events).contains("reconnected"), Duration.ofSeconds(5), "reconnected");

        // a snapshot: events of the new connection (its resumption update) may still be arriving
        List<Exchange> snapshot = new java.util.ArrayList<>(events);
        List<Exchange> after = snapshot.subList(before, snapshot.size());
        List<String> types = types(after).stream().filter(t -> !t.equals("sessionResumptionUpdate")).toList();
        after = after.stream().filter(e -> !"sessionResumptionUpdate".equals(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)))
                .toList();
        assertEquals(List.of("thought", "executableCode", "codeExecutionResult", "toolCallCancellation", "usage", "goAway",
                "reconnected"), types);
        assertEquals("thinking it over", after.get(0).getMessage().getBody());
        assertEquals("print(6*7)", after.get(1).getMessage().getBody());
        assertEquals("PYTHON", after.get(1).getMessage().getHeader(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME));
        assertEquals("42", after.get(2).getMessage().getBody());
        assertEquals("OUTCOME_OK", after.get(2).getMessage().getHeader(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME));
        assertEquals(List.of("function-call-9"), after.get(3).getMessage().getBody());
        assertInstanceOf(UsageMetadata.class, after.get(4).getMessage().getBody());
        assertEquals(5, after.get(4).getMessage().getHeader(GeminiLiveConstants.PROMPT_TOKENS));
        assertEquals(Duration.ofSeconds(50), after.get(5).getMessage().getHeader(GeminiLiveConstants.TIME_LEFT));
        Exchange reconnected = after.stream().filter(e -> "reconnected".equals(e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE)))
                .findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, reconnected.getMessage().getHeader(GeminiLiveConstants.RESUMED));
        for (Exchange e : after) {
            assertEquals("default", e.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
        }

        // a handle the server hands out is reported; 1008 ends the session with a disconnected event
        var next = emulator.lastSession().orElseThrow().faults();
        next.send(ServerMessage.of(new SessionResumptionUpdate("handle-123", true, null)));
        await(() -> events.stream().anyMatch(e -> "handle-123".equals(e.getMessage().getHeader(GeminiLiveConstants.RESUMPTION_HANDLE))),
                Duration.ofSeconds(5), "the handle event");
        next.close(1008, "The operation was aborted.");
        await(() -> types(events).contains("disconnected"), Duration.ofSeconds(5), "disconnected");
        Map<String, Object> closed = events.get(events.size() - 1).getMessage().getHeaders();
        assertEquals(1008, closed.get(GeminiLiveConstants.CLOSE_CODE));
        assertEquals("The operation was aborted.", closed.get(GeminiLiveConstants.CLOSE_REASON));
    }

    @Test
    void anAbruptDropMidTurnReconnectsAndTheWaitingExchangeGetsItsOwnAnswer() throws Exception {
        assertEquals("You said: first", template.requestBody("direct:go", "first", String.class));
        emulator.lastSession().orElseThrow().faults().stall(Duration.ofSeconds(3));
        var reply = template.asyncRequestBody("direct:go", "second", String.class);
        Thread.sleep(200);
        emulator.lastSession().orElseThrow().faults().drop();
        // the input the server had not answered is sent again on the new connection, which answers it
        assertEquals("You said: second", reply.get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals("You said: third", template.requestBody("direct:go", "third", String.class));
        assertEquals(2, emulator.sessions().size());
        assertTrue(emulator.sessions().get(1).resumed(), "the second connection resumed the first one's session");
    }

    private static List<String> types(List<Exchange> list) {
        return list.stream().map(e -> e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class)).toList();
    }
}
