package dev.geminilive.camel;

import org.apache.camel.Message;

/** Which conversation an exchange belongs to. */
final class ConversationIds {

    private ConversationIds() {
    }

    /** @return the header, else the endpoint's conversation; a blank header counts as unset */
    static String of(Message message, String endpointConversation) {
        String header = message.getHeader(GeminiLiveConstants.CONVERSATION_ID, String.class);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        return endpointConversation;
    }
}
