package dev.geminilive.protocol;

import java.util.Map;

/**
 * Model output and turn state. A normal turn ends with {@code generationComplete} then {@code turnComplete}; an
 * interrupted turn with {@code interrupted} then {@code turnComplete}.
 *
 * @param modelTurn                 text, audio, thought and code parts
 * @param turnComplete              the model is done with this turn
 * @param generationComplete        the model has generated everything (playback may still run)
 * @param interrupted               the user cut the model off
 * @param waitingForInput           the model waits for more input
 * @param turnCompleteReason        why the turn ended, when not normal
 * @param interactionStatus         IN_PROGRESS or IDLE, alongside turnComplete
 * @param inputTranscription        a fragment of the user's speech as text
 * @param outputTranscription       a fragment of the model's speech as text
 * @param interimInputTranscription a low-latency transcript while the user speaks
 * @param groundingMetadata         Google Search grounding
 * @param urlContextMetadata        URL context metadata
 */
public record ServerContent(
        Content modelTurn,
        Boolean turnComplete,
        Boolean generationComplete,
        Boolean interrupted,
        Boolean waitingForInput,
        String turnCompleteReason,
        String interactionStatus,
        Transcription inputTranscription,
        Transcription outputTranscription,
        Transcription interimInputTranscription,
        Map<String, Object> groundingMetadata,
        Map<String, Object> urlContextMetadata) {

    public static ServerContent ofModelTurn(Content turn) {
        return new ServerContent(turn, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofTurnComplete() {
        return new ServerContent(null, true, null, null, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofGenerationComplete() {
        return new ServerContent(null, null, true, null, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofInterrupted() {
        return new ServerContent(null, null, null, true, null, null, null, null, null, null, null, null);
    }

    public static ServerContent ofInputTranscription(String text) {
        return ofInputTranscription(new Transcription(text, null));
    }

    /** @return a serverContent that only carries this input transcription fragment */
    public static ServerContent ofInputTranscription(Transcription transcription) {
        return new ServerContent(null, null, null, null, null, null, null, transcription, null, null, null, null);
    }

    public static ServerContent ofOutputTranscription(String text) {
        return new ServerContent(null, null, null, null, null, null, null, null, new Transcription(text, null), null, null, null);
    }

    public boolean isTurnComplete() {
        return Boolean.TRUE.equals(turnComplete);
    }

    public boolean isGenerationComplete() {
        return Boolean.TRUE.equals(generationComplete);
    }

    public boolean isInterrupted() {
        return Boolean.TRUE.equals(interrupted);
    }
}
