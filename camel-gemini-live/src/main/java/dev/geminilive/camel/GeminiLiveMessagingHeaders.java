package dev.geminilive.camel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Carries the component's headers across message brokers (JMS, AMQP, Kafka, ...), whose Camel components drop every
 * header whose name starts with {@code Camel}: camel-jms's default {@code JmsHeaderFilterStrategy} drops them in both
 * directions, so a reply sent to a JMSReplyTo queue loses the token counts and transcriptions, and a
 * {@code CamelGeminiLiveConversationId} property set by a JMS client never reaches the route.
 *
 * <p>This maps a fixed list of headers between their Camel names and broker-safe names: the same name without the
 * {@code Camel} prefix ({@code CamelGeminiLiveConversationId} ↔ {@code GeminiLiveConversationId}). The names are valid
 * Java identifiers, as JMS property names must be, and the values are String, Integer or Boolean, which every broker
 * carries. Use it around the producer:
 *
 * <pre>{@code
 * from("jms:queue:questions?transacted=true")
 *     .process(GeminiLiveMessagingHeaders.fromMessaging())   // GeminiLiveConversationId -> CamelGeminiLiveConversationId
 *     .to("gemini-live:support")
 *     .process(GeminiLiveMessagingHeaders.toMessaging());    // CamelGeminiLivePromptTokens -> GeminiLivePromptTokens, ...
 * }</pre>
 *
 * <p>Both directions use allow-lists on purpose. Inbound, a message from a queue may set only the conversation, the
 * MIME type of a binary body and whether the turn is complete ({@link #INBOUND}): a queue client must not be able to
 * choose {@code CamelGeminiLiveMessageType} (raw protocol messages, {@code endSession}, a new system instruction) —
 * which is why letting {@code CamelGeminiLive*} through a {@code HeaderFilterStrategy} is not the answer. Outbound, only
 * scalar reply and event headers are copied ({@link #OUTBOUND}); the resumption handle (it resumes the session for
 * anyone holding the key) and object-valued headers (usage, grounding, word timings) are not.
 */
public final class GeminiLiveMessagingHeaders {

    /** The prefix of the broker-safe names. */
    public static final String PREFIX = "GeminiLive";

    /** Broker-safe name of {@link GeminiLiveConstants#CONVERSATION_ID}. */
    public static final String CONVERSATION_ID = "GeminiLiveConversationId";
    /** Broker-safe name of {@link GeminiLiveConstants#MIME_TYPE}. */
    public static final String MIME_TYPE = "GeminiLiveMimeType";
    /** Broker-safe name of {@link GeminiLiveConstants#TURN_COMPLETE}. */
    public static final String TURN_COMPLETE = "GeminiLiveTurnComplete";
    /** Broker-safe name of {@link GeminiLiveConstants#EVENT_TYPE}. */
    public static final String EVENT_TYPE = "GeminiLiveEventType";
    /** Broker-safe name of {@link GeminiLiveConstants#INPUT_TRANSCRIPTION}. */
    public static final String INPUT_TRANSCRIPTION = "GeminiLiveInputTranscription";
    /** Broker-safe name of {@link GeminiLiveConstants#OUTPUT_TRANSCRIPTION}. */
    public static final String OUTPUT_TRANSCRIPTION = "GeminiLiveOutputTranscription";
    /** Broker-safe name of {@link GeminiLiveConstants#PROMPT_TOKENS}. */
    public static final String PROMPT_TOKENS = "GeminiLivePromptTokens";
    /** Broker-safe name of {@link GeminiLiveConstants#RESPONSE_TOKENS}. */
    public static final String RESPONSE_TOKENS = "GeminiLiveResponseTokens";
    /** Broker-safe name of {@link GeminiLiveConstants#TOTAL_TOKENS}. */
    public static final String TOTAL_TOKENS = "GeminiLiveTotalTokens";
    /** Broker-safe name of {@link GeminiLiveConstants#INTERRUPTED}. */
    public static final String INTERRUPTED = "GeminiLiveInterrupted";
    /** Broker-safe name of {@link GeminiLiveConstants#TURN_COMPLETE_REASON}. */
    public static final String TURN_COMPLETE_REASON = "GeminiLiveTurnCompleteReason";

    /** Broker-safe name → Camel header name, read from a message that came from a broker. */
    public static final Map<String, String> INBOUND = ordered(
            CONVERSATION_ID, GeminiLiveConstants.CONVERSATION_ID,
            MIME_TYPE, GeminiLiveConstants.MIME_TYPE,
            TURN_COMPLETE, GeminiLiveConstants.TURN_COMPLETE);

    /** Camel header name → broker-safe name, written on a message that goes to a broker. */
    public static final Map<String, String> OUTBOUND = ordered(
            GeminiLiveConstants.CONVERSATION_ID, CONVERSATION_ID,
            GeminiLiveConstants.MIME_TYPE, MIME_TYPE,
            GeminiLiveConstants.EVENT_TYPE, EVENT_TYPE,
            GeminiLiveConstants.INPUT_TRANSCRIPTION, INPUT_TRANSCRIPTION,
            GeminiLiveConstants.OUTPUT_TRANSCRIPTION, OUTPUT_TRANSCRIPTION,
            GeminiLiveConstants.PROMPT_TOKENS, PROMPT_TOKENS,
            GeminiLiveConstants.RESPONSE_TOKENS, RESPONSE_TOKENS,
            GeminiLiveConstants.TOTAL_TOKENS, TOTAL_TOKENS,
            GeminiLiveConstants.INTERRUPTED, INTERRUPTED,
            GeminiLiveConstants.TURN_COMPLETE_REASON, TURN_COMPLETE_REASON,
            GeminiLiveConstants.RESUMED, PREFIX + "Resumed",
            GeminiLiveConstants.CLOSE_CODE, PREFIX + "CloseCode",
            GeminiLiveConstants.CLOSE_REASON, PREFIX + "CloseReason",
            GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME, PREFIX + "CodeDetail",
            GeminiLiveConstants.FUNCTION_NAME, PREFIX + "FunctionName",
            GeminiLiveConstants.TOOL_CALL_ID, PREFIX + "ToolCallId",
            GeminiLiveConstants.TRANSCRIPTION_LANGUAGE, PREFIX + "TranscriptionLanguage",
            GeminiLiveConstants.TRANSCRIPTION_SPEAKER, PREFIX + "TranscriptionSpeaker",
            GeminiLiveConstants.TRANSCRIPTION_FINISHED, PREFIX + "TranscriptionFinished");

    private GeminiLiveMessagingHeaders() {
    }

    /** @return a processor doing {@link #fromMessaging(Message)} on the exchange's message */
    public static Processor fromMessaging() {
        return exchange -> fromMessaging(exchange.getMessage());
    }

    /** @return a processor doing {@link #toMessaging(Message)} on the exchange's message */
    public static Processor toMessaging() {
        return exchange -> toMessaging(exchange.getMessage());
    }

    /**
     * Sets the Camel headers of {@link #INBOUND} from their broker-safe properties. A blank value is ignored; a Camel
     * header already set (e.g. by the route) is overwritten only when the broker-safe property is present.
     */
    public static void fromMessaging(Message message) {
        for (Map.Entry<String, String> e : INBOUND.entrySet()) {
            Object value = message.getHeader(e.getKey());
            if (value == null || value instanceof String s && s.isBlank()) {
                continue;
            }
            message.setHeader(e.getValue(), value);
        }
    }

    /**
     * Copies the headers of {@link #OUTBOUND} to their broker-safe names. Only String, Integer, Long and Boolean values
     * are copied (as they are); other values (and absent headers) are skipped. A previous value under the broker-safe
     * name is replaced, or removed when the Camel header is absent, so an inbound property never poses as the answer's.
     */
    public static void toMessaging(Message message) {
        for (Map.Entry<String, String> e : OUTBOUND.entrySet()) {
            Object value = message.getHeader(e.getKey());
            if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
                message.setHeader(e.getValue(), value);
            } else if (!e.getKey().equals(GeminiLiveConstants.CONVERSATION_ID)
                    && !e.getKey().equals(GeminiLiveConstants.MIME_TYPE)) {
                message.removeHeader(e.getValue());
            }
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
