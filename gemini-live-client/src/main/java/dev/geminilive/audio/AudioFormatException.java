package dev.geminilive.audio;

/**
 * Audio that cannot be read or converted: a malformed or truncated WAV file, an unsupported codec, or a MIME type this
 * package does not understand. The message names what is wrong and, where there is one, what to send instead.
 *
 * <p>It extends {@link IllegalArgumentException} because it always describes bad input supplied by the caller.
 */
public class AudioFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the audio, worded for the person who supplied it */
    public AudioFormatException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong with the audio
     * @param cause the underlying error
     */
    public AudioFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
