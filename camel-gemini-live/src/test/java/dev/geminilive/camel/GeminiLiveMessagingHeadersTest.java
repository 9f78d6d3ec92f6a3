package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultMessage;
import org.junit.jupiter.api.Test;

class GeminiLiveMessagingHeadersTest {

    private final Message message = new DefaultMessage(new DefaultCamelContext());

    @Test
    void inboundSetsOnlyConversationMimeTypeAndTurnCompleteFromBrokerSafeNames() {
        message.setHeader("GeminiLiveConversationId", "c-1");
        message.setHeader("GeminiLiveMimeType", "audio/wav");
        message.setHeader("GeminiLiveTurnComplete", "false");
        message.setHeader("GeminiLiveMessageType", "endSession");
        message.setHeader("GeminiLiveToolError", "injected");

        GeminiLiveMessagingHeaders.fromMessaging(message);

        assertEquals("c-1", message.getHeader(GeminiLiveConstants.CONVERSATION_ID));
        assertEquals("audio/wav", message.getHeader(GeminiLiveConstants.MIME_TYPE));
        assertEquals("false", message.getHeader(GeminiLiveConstants.TURN_COMPLETE));
        assertNull(message.getHeader(GeminiLiveConstants.MESSAGE_TYPE), "a queue client cannot choose the message type");
        assertNull(message.getHeader(GeminiLiveConstants.TOOL_ERROR));
    }

    @Test
    void inboundIgnoresABlankConversation() {
        message.setHeader(GeminiLiveConstants.CONVERSATION_ID, "set-by-route");
        message.setHeader("GeminiLiveConversationId", " ");
        GeminiLiveMessagingHeaders.fromMessaging(message);
        assertEquals("set-by-route", message.getHeader(GeminiLiveConstants.CONVERSATION_ID));
    }

    @Test
    void outboundCopiesScalarReplyHeadersUnderNamesWithoutTheCamelPrefix() {
        message.setHeader(GeminiLiveConstants.CONVERSATION_ID, "c-1");
        message.setHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION, "Hello.");
        message.setHeader(GeminiLiveConstants.PROMPT_TOKENS, 12);
        message.setHeader(GeminiLiveConstants.RESPONSE_TOKENS, 3);
        message.setHeader(GeminiLiveConstants.TOTAL_TOKENS, 15);
        message.setHeader(GeminiLiveConstants.INTERRUPTED, false);

        GeminiLiveMessagingHeaders.toMessaging(message);

        assertEquals("c-1", message.getHeader("GeminiLiveConversationId"));
        assertEquals("Hello.", message.getHeader("GeminiLiveOutputTranscription"));
        assertEquals(12, message.getHeader("GeminiLivePromptTokens"));
        assertEquals(3, message.getHeader("GeminiLiveResponseTokens"));
        assertEquals(15, message.getHeader("GeminiLiveTotalTokens"));
        assertEquals(false, message.getHeader("GeminiLiveInterrupted"));
    }

    @Test
    void outboundNeverCopiesTheResumptionHandleOrObjectValues() {
        message.setHeader(GeminiLiveConstants.RESUMPTION_HANDLE, "secret-handle");
        message.setHeader(GeminiLiveConstants.USAGE, Map.of("totalTokenCount", 15));
        message.setHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION, List.of("not", "a", "JMS", "type"));
        message.setHeader(GeminiLiveConstants.GROUNDING_METADATA, Map.of("a", 1));
        message.setHeader(GeminiLiveConstants.CALLS_TO_ANSWER, List.of("id"));

        GeminiLiveMessagingHeaders.toMessaging(message);

        assertFalse(message.getHeaders().keySet().stream().anyMatch(k -> k.startsWith("GeminiLive")), message.getHeaders().toString());
    }

    @Test
    void outboundRemovesAnInboundPropertyPosingAsTheAnswersTokenCount() {
        message.setHeader("GeminiLiveTotalTokens", 999_999);   // came with the question
        GeminiLiveMessagingHeaders.toMessaging(message);       // the turn set no count
        assertNull(message.getHeader("GeminiLiveTotalTokens"));
    }

    @Test
    void everyBrokerSafeNameIsAJavaIdentifierWithoutTheCamelPrefixMappedToACamelGeminiLiveHeader() {
        Map<String, String> all = new java.util.HashMap<>(GeminiLiveMessagingHeaders.OUTBOUND);
        GeminiLiveMessagingHeaders.INBOUND.forEach((safe, camel) -> all.put(camel, safe));
        all.forEach((camel, safe) -> {
            assertEquals("Camel" + safe, camel);
            assertTrue(safe.startsWith(GeminiLiveMessagingHeaders.PREFIX), safe);
            assertTrue(Character.isJavaIdentifierStart(safe.charAt(0)) && safe.chars().allMatch(Character::isJavaIdentifierPart), safe);
        });
    }
}
