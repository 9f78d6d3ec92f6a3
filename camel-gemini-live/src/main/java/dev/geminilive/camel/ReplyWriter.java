package dev.geminilive.camel;

import dev.geminilive.camel.options.ReplyFormat;
import org.apache.camel.Message;

/** Writes a finished turn into the reply message: the body per replyFormat, and the turn's headers. */
final class ReplyWriter {

    private ReplyWriter() {
    }

    /** @param transcript whether the model only transcribes, so the text reply is what it heard */
    static void write(Message message, LiveTurn turn, ReplyFormat replyFormat, boolean transcript) {
        switch (replyFormat) {
            case AUDIO -> {
                message.setBody(turn.audio());
                message.setHeader(GeminiLiveConstants.MIME_TYPE, turn.audioMimeType());
            }
            case WAV -> {
                message.setBody(turn.wav());
                message.setHeader(GeminiLiveConstants.MIME_TYPE, "audio/wav");
            }
            case TURN -> message.setBody(turn);
            case TEXT -> {
                message.setBody(transcript ? (turn.inputTranscription() == null ? "" : turn.inputTranscription()) : turn.replyText());
                message.removeHeader(GeminiLiveConstants.MIME_TYPE);
            }
        }
        headers(message, turn);
    }

    static void headers(Message message, LiveTurn turn) {
        message.setHeader(GeminiLiveConstants.CONVERSATION_ID, turn.conversationId());
        message.setHeader(GeminiLiveConstants.INTERRUPTED, turn.interrupted());
        setOrRemove(message, GeminiLiveConstants.INPUT_TRANSCRIPTION, turn.inputTranscription());
        setOrRemove(message, GeminiLiveConstants.OUTPUT_TRANSCRIPTION, turn.outputTranscription());
        setOrRemove(message, GeminiLiveConstants.TURN_COMPLETE_REASON, turn.turnCompleteReason());
        setOrRemove(message, GeminiLiveConstants.GROUNDING_METADATA, turn.groundingMetadata());
        setOrRemove(message, GeminiLiveConstants.USAGE, turn.usage());
        if (turn.usage() != null) {
            setOrRemove(message, GeminiLiveConstants.PROMPT_TOKENS, turn.usage().promptTokenCount());
            message.setHeader(GeminiLiveConstants.RESPONSE_TOKENS, turn.usage().outputTokens());
            setOrRemove(message, GeminiLiveConstants.TOTAL_TOKENS, turn.usage().totalTokenCount());
        }
        // the request's message type and turn flag must not leak into a reply routed onwards to another gemini-live endpoint
        message.removeHeader(GeminiLiveConstants.MESSAGE_TYPE);
        message.removeHeader(GeminiLiveConstants.TURN_COMPLETE);
    }

    private static void setOrRemove(Message message, String name, Object value) {
        if (value == null) {
            message.removeHeader(name);
        } else {
            message.setHeader(name, value);
        }
    }
}
