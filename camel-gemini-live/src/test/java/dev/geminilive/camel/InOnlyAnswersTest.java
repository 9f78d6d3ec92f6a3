package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

/** An input that completes a turn is answered whatever the exchange pattern; replyMode=none only streams. */
class InOnlyAnswersTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:ask?repeatCount=3&delay=10&period=10&includeMetadata=true").routeId("timer")
                        .setBody(simple("question ${exchangeProperty.CamelTimerCounter}"))
                        .setHeader("question", body())
                        .to(uri("timed", ""))
                        .to("mock:timed");
                from("direct:ask").to(uri("asked", ""));
                from("direct:stream").to(uri("streamed", "replyMode=none"));
                from(uri("streamed", "aggregate=turn&events=turn")).to("mock:heard");
            }
        };
    }

    @Test
    void aTimerDrivenRouteGetsEachAnswerInItsBody() throws Exception {
        MockEndpoint timed = getMockEndpoint("mock:timed");
        timed.expectedMessageCount(3);
        timed.assertIsSatisfied(20_000);
        java.util.Set<String> answered = new java.util.TreeSet<>();
        for (Exchange e : timed.getExchanges()) {
            assertEquals(ExchangePattern.InOnly, e.getPattern());
            // timer exchanges overlap: each carries the answer to its own question, whatever order they finish in
            assertEquals("You said: " + e.getMessage().getHeader("question"), e.getMessage().getBody(String.class));
            answered.add(e.getMessage().getBody(String.class));
        }
        assertEquals(java.util.Set.of("You said: question 1", "You said: question 2", "You said: question 3"), answered);
    }

    @Test
    void anInOnlyExchangeCarriesItsAnswerAndHeaders() {
        Exchange done = template.send("direct:ask", ExchangePattern.InOnly, e -> e.getMessage().setBody("Is this answered?"));
        assertNull(done.getException());
        assertEquals("You said: Is this answered?", done.getMessage().getBody(String.class));
        assertEquals("You said: Is this answered?", done.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION));
        assertEquals("default", done.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
    }

    @Test
    void replyModeNoneCompletesWhenWrittenAndTheConsumerHearsTheAnswer() throws Exception {
        MockEndpoint heard = getMockEndpoint("mock:heard");
        heard.expectedMessageCount(1);
        Exchange done = template.send("direct:stream", ExchangePattern.InOut, e -> e.getMessage().setBody("Only streaming"));
        assertNull(done.getException());
        assertEquals("Only streaming", done.getMessage().getBody(String.class), "the exchange does not wait for the answer");
        heard.assertIsSatisfied(20_000);
        LiveTurn turn = heard.getExchanges().get(0).getMessage().getBody(LiveTurn.class);
        assertEquals("You said: Only streaming", turn.replyText());
    }
}
