package dev.geminilive.protocol;

/**
 * An incremental transcript fragment.
 *
 * @param text     the fragment
 * @param finished set on the last fragment, when the server sends it at all
 */
public record Transcription(String text, Boolean finished) {
}
