package dev.geminilive.camel;

/**
 * The model's turn was cut off before it finished (new input barged in, or the user started speaking), so an InOut
 * exchange has no complete answer. It carries what the model had said until then; set
 * {@code interruptedReply=partial} to receive that as the reply instead, with the interrupted header set.
 */
public class GeminiLiveInterruptedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient LiveTurn partial;

    public GeminiLiveInterruptedException(LiveTurn partial) {
        super("The Gemini Live turn of conversation " + partial.conversationId() + " was interrupted after "
              + partial.replyText().length() + " characters" + (partial.hasAudio() ? " and " + partial.audio().length
                                                                                         + " bytes of audio" : ""));
        this.partial = partial;
    }

    /** @return what the model produced before the interruption */
    public LiveTurn getPartialTurn() {
        return partial;
    }

    /** @return the text (or transcription) the model produced before the interruption; may be empty */
    public String getPartialText() {
        return partial.replyText();
    }
}
