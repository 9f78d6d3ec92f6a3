package dev.geminilive.camel.session;

import java.util.Map;

/**
 * One event of a conversation, as the consumer turns it into an exchange.
 *
 * @param type           the event type (the CamelGeminiLiveEventType header)
 * @param conversationId the conversation it belongs to
 * @param body           the exchange body
 * @param headers        further headers
 */
public record LiveEvent(String type, String conversationId, Object body, Map<String, Object> headers) {

    public LiveEvent {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
