package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.UsageMetadata;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Multi-turn text conversations through a Java DSL route, on both model profiles. */
class TextConversationTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:gemini3").to(uri("chat3", "model=" + MODEL_3));
                from("direct:gemini25").to(uri("chat25", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT"));
                from("direct:turn").to(uri("chatTurn", "model=" + MODEL_3 + "&replyFormat=turn"));
            }
        };
    }

    @Test
    void gemini3RemembersAnEarlierTurnAndSendsTextAsRealtimeInput() throws Exception {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:gemini3", "My name is Ada", String.class));
        assertEquals("Your name is Ada.", template.requestBody("direct:gemini3", "What is my name?", String.class));

        assertEquals(1, emulator.sessions().size(), "both turns used one session");
        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertEquals(3, sent.size());
        assertEquals("models/" + MODEL_3, sent.get(0).setup().model());
        assertEquals("My name is Ada", sent.get(1).realtimeInput().text());
        assertEquals("What is my name?", sent.get(2).realtimeInput().text());
    }

    @Test
    void gemini25RemembersAnEarlierTurnAndSendsTextAsClientContent() throws Exception {
        assertEquals("Nice to meet you, Grace.", template.requestBody("direct:gemini25", "My name is Grace", String.class));
        assertEquals("Your name is Grace.", template.requestBody("direct:gemini25", "What's my name?", String.class));

        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertEquals(ClientMessage.Kind.CLIENT_CONTENT, sent.get(1).kind());
        assertEquals("My name is Grace", sent.get(1).clientContent().turns().get(0).text());
        assertEquals(Boolean.TRUE, sent.get(1).clientContent().turnComplete());
    }

    @Test
    void replyCarriesTranscriptionAndUsageHeaders() throws Exception {
        Exchange reply = template.request("direct:gemini3", e -> e.getMessage().setBody("Hello there"));
        assertEquals("You said: Hello there", reply.getMessage().getBody(String.class));
        assertEquals("You said: Hello there", reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION));
        UsageMetadata usage = reply.getMessage().getHeader(GeminiLiveConstants.USAGE, UsageMetadata.class);
        assertNotNull(usage);
        assertTrue(reply.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKENS, Integer.class) > 0);
        assertEquals(false, reply.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED));
        assertEquals("default", reply.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID));
    }

    @Test
    void turnReplyFormatGivesTheWholeTurnWithAudio() throws Exception {
        LiveTurn turn = template.requestBody("direct:turn", "Hello", LiveTurn.class);
        assertEquals("You said: Hello", turn.replyText());
        assertTrue(turn.hasAudio(), "the native-audio model spoke");
        assertEquals(24000, turn.audioSampleRate());
        assertEquals(0, turn.audio().length % 2, "whole 16-bit samples");
    }

    @Test
    void twoConversationIdsHoldTwoSeparateSessions() throws Exception {
        assertEquals("Nice to meet you, Ada.", ask("a", "My name is Ada"));
        assertEquals("Nice to meet you, Linus.", ask("b", "My name is Linus"));
        assertEquals("Your name is Ada.", ask("a", "What is my name?"));
        assertEquals("Your name is Linus.", ask("b", "What is my name?"));
        assertEquals(2, emulator.sessions().size());
        for (EmulatorSession s : emulator.sessions()) {
            assertTrue(s.isOpen());
        }
    }

    private String ask(String conversation, String text) {
        return template.requestBodyAndHeader("direct:gemini3", text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }
}
