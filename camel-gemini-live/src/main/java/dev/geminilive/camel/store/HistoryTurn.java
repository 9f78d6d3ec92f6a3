package dev.geminilive.camel.store;

import java.util.Objects;

/**
 * One remembered turn of a conversation, as the model would be re-told it.
 *
 * @param role {@code user} or {@code model}
 * @param text what was said (typed text, or the transcription of speech)
 */
public record HistoryTurn(String role, String text) {

    public static final String USER = "user";
    public static final String MODEL = "model";

    public HistoryTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        if (!USER.equals(role) && !MODEL.equals(role)) {
            throw new IllegalArgumentException("role must be user or model: " + role);
        }
    }
}
