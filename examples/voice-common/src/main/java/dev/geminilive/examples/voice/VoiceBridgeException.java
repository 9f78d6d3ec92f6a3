package dev.geminilive.examples.voice;

/** Input a voice gateway could not hand to Gemini Live. */
public class VoiceBridgeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what was not sent
     * @param cause why
     */
    public VoiceBridgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
