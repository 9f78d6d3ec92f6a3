package dev.geminilive.examples.jms;

import dev.geminilive.camel.GeminiLiveMessagingHeaders;
import org.apache.camel.builder.RouteBuilder;

/**
 * The bridge: each question on the queue {@value #QUESTIONS} is one user turn of the conversation named by its JMS
 * property {@code GeminiLiveConversationId}; the model's answer goes to the question's {@code JMSReplyTo} queue with the
 * question's correlation id (its {@code JMSCorrelationID}, else its {@code JMSMessageID}) and the turn's token counts and
 * transcriptions as JMS properties.
 *
 * <p>Exactly once: the question is consumed in a local JMS transaction ({@code transacted=true}, no transaction
 * manager), camel-jms sends the reply on the same JMS session before the commit, so the consume and the reply commit or
 * roll back together. A bridge that dies mid-turn leaves the question on the queue and no reply; the question is
 * delivered again and answered then. See docs/jms.md.
 */
public final class JmsBridgeRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "jms-bridge";
    /** The queue the questions come from. */
    public static final String QUESTIONS = "gemini.questions";

    private final String geminiUri;
    private final int consumers;
    private final String extraJmsOptions;

    /**
     * @param geminiUri       the gemini-live endpoint that answers
     * @param consumers       concurrent JMS consumers (use message groups, JMSXGroupID = conversation, to keep the
     *                        questions of one conversation in order)
     * @param extraJmsOptions more options for the JMS consumer ({@code &name=value...}), or ""
     */
    public JmsBridgeRoute(String geminiUri, int consumers, String extraJmsOptions) {
        this.geminiUri = geminiUri;
        this.consumers = consumers;
        this.extraJmsOptions = extraJmsOptions;
    }

    /** @return the gemini-live endpoint of the example: speech answers, their transcription as the reply text */
    public static String defaultGeminiUri() {
        return "gemini-live:jms-bridge?responseModalities=AUDIO&outputAudioTranscription=true"
                + "&systemInstruction=You answer questions that arrive from a message queue. Answer briefly.";
    }

    @Override
    public void configure() {
        from("jms:queue:" + QUESTIONS
                + "?transacted=true"                        // consume in a local JMS transaction...
                + "&lazyCreateTransactionManager=false"     // ...of the listener's own session (no JmsTransactionManager)
                + "&cacheLevelName=CACHE_CONSUMER"          // keep that session and consumer between messages
                + "&concurrentConsumers=" + consumers
                + extraJmsOptions)
            .routeId(ROUTE_ID)
            // GeminiLiveConversationId (and GeminiLiveMimeType, GeminiLiveTurnComplete) -> CamelGeminiLive*
            .process(GeminiLiveMessagingHeaders.fromMessaging())
            // the JMS consumer made the exchange InOut because the question has a JMSReplyTo: wait for the answer
            .to(geminiUri)
            // CamelGeminiLive* reply headers -> GeminiLive* JMS properties (camel-jms drops Camel* headers)
            .process(GeminiLiveMessagingHeaders.toMessaging());
        // nothing else: camel-jms sends the message as it is now to JMSReplyTo, on the transaction's session
    }
}
