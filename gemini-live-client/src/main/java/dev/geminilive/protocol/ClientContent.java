package dev.geminilive.protocol;

import java.util.List;

/**
 * Turns appended to the conversation. {@code turnComplete: true} starts generation.
 *
 * @param turns        user and model turns, in order
 * @param turnComplete whether the model should answer now
 */
public record ClientContent(List<Content> turns, Boolean turnComplete) {

    public ClientContent {
        turns = turns == null ? null : List.copyOf(turns);
    }
}
