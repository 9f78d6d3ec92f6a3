package dev.geminilive.examples.voice;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.geminilive.camel.GeminiLiveConstants;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Camel side of a voice gateway: each client connection (a browser tab, a phone call) is its own gemini-live
 * conversation. Input goes through the route {@value #INPUT} to the producer, which keeps the key and the Live session;
 * the consumer's events come back through the route {@code voice-output} to the connection's {@link VoiceSink}.
 *
 * <p>Audio is sent InOnly with {@code CamelGeminiLiveTurnComplete=false}: a microphone is an open stream, and the
 * server's own activity detection decides when the user has finished speaking and when they talk over the model.
 */
public final class VoiceBridge extends RouteBuilder {

    /** The route that takes client input for Gemini Live. */
    public static final String INPUT = "direct:voice-input";

    /** Events the output route listens to. */
    static final String EVENTS = "audio,inputTranscription,outputTranscription,interrupted,turnComplete,"
            + "connected,reconnected,disconnected,error";

    private final Map<String, VoiceSink> sinks = new ConcurrentHashMap<>();
    private final String endpointName;
    private final String setupOptions;
    private ProducerTemplate template;

    /**
     * @param endpointName the gemini-live endpoint name (a group of sessions)
     * @param setupOptions extra endpoint options for the producer, e.g. {@code systemInstruction=...}; may be empty
     */
    public VoiceBridge(String endpointName, String setupOptions) {
        this.endpointName = Objects.requireNonNull(endpointName);
        this.setupOptions = setupOptions == null ? "" : setupOptions;
    }

    @Override
    public void configure() {
        String producer = "gemini-live:" + endpointName + "?responseModalities=AUDIO&outputAudioTranscription=true"
                + "&inputAudioTranscription=true&turnPolicy=interrupt&replyMode=none" + (setupOptions.isEmpty() ? "" : "&" + setupOptions);
        from(INPUT).routeId("voice-input")
                .to(producer);
        from("gemini-live:" + endpointName + "?events=" + EVENTS).routeId("voice-output")
                .process(this::deliver);
    }

    /**
     * Opens the way for a conversation's events; call before its first input.
     *
     * @param conversationId the conversation, unique per client connection
     * @param sink where its events go
     */
    public void register(String conversationId, VoiceSink sink) {
        sinks.put(conversationId, sink);
    }

    /**
     * Sends a piece of microphone audio.
     *
     * @param conversationId the conversation
     * @param pcm16k 16-bit little-endian mono PCM at 16 kHz
     */
    public void audio(String conversationId, byte[] pcm16k) {
        send(conversationId, pcm16k, "audio", "audio/pcm;rate=16000");
    }

    /**
     * Sends a camera frame.
     *
     * @param conversationId the conversation
     * @param jpeg a JPEG image
     */
    public void image(String conversationId, byte[] jpeg) {
        send(conversationId, jpeg, "video", "image/jpeg");
    }

    /**
     * Ends a conversation: its Live session is closed and its events are no longer delivered.
     *
     * @param conversationId the conversation
     */
    public void end(String conversationId) {
        if (sinks.remove(conversationId) != null) {
            send(conversationId, "", "endSession", null);
        }
    }

    /** @return the conversations now open */
    public int openConversations() {
        return sinks.size();
    }

    private void send(String conversationId, Object body, String type, String mimeType) {
        Exchange exchange = template().send(INPUT, ExchangePattern.InOnly, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, conversationId);
            e.getMessage().setHeader(GeminiLiveConstants.MESSAGE_TYPE, type);
            e.getMessage().setHeader(GeminiLiveConstants.TURN_COMPLETE, false);
            if (mimeType != null) {
                e.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, mimeType);
            }
        });
        if (exchange.getException() != null) {
            throw new VoiceBridgeException("Gemini Live did not take the " + type + " input of " + conversationId, exchange.getException());
        }
    }

    private ProducerTemplate template() {
        if (template == null) {
            template = getContext().createProducerTemplate();
        }
        return template;
    }

    private void deliver(Exchange exchange) {
        String conversationId = exchange.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID, String.class);
        VoiceSink sink = conversationId == null ? null : sinks.get(conversationId);
        if (sink == null) {
            return; // the client has gone; the session closes after its endSession
        }
        String event = exchange.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
        if (event == null) {
            return;
        }
        switch (event) {
            case "audio" -> sink.audio(exchange.getMessage().getBody(byte[].class));
            case "inputTranscription" -> sink.transcript("user", exchange.getMessage().getBody(String.class));
            case "outputTranscription" -> sink.transcript("model", exchange.getMessage().getBody(String.class));
            case "interrupted" -> sink.interrupted();
            case "turnComplete" -> sink.turnComplete();
            case "error" -> sink.status(event, describe(exchange.getMessage().getBody()));
            default -> sink.status(event, "");
        }
    }

    /** An error event's body is a Throwable; only its class reaches the client, as its message may name hosts. */
    private static String describe(Object body) {
        return body instanceof Throwable t ? t.getClass().getSimpleName() : "";
    }
}
