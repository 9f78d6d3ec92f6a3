package dev.geminilive.camel;

import org.apache.camel.Message;

/** Which conversation an exchange belongs to. */
final class ConversationIds {

    private ConversationIds() {
    }

    /** @return the header, else the option, else "default"; blank values count as unset */
    static String of(Message message, GeminiLiveConfiguration config) {
        String header = message.getHeader(GeminiLiveConstants.CONVERSATION_ID, String.class);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String option = config.getConversationId();
        return option == null || option.isBlank() ? "default" : option.trim();
    }
}
