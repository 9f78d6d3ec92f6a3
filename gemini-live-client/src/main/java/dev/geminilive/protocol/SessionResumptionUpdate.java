package dev.geminilive.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A new resumption handle.
 *
 * @param newHandle                      the handle to resume with; empty while not resumable
 * @param resumable                      false while the model generates or runs function calls
 * @param lastConsumedClientMessageIndex index of the last client message the server consumed, when it tells
 */
public record SessionResumptionUpdate(
        String newHandle,
        Boolean resumable,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Long lastConsumedClientMessageIndex) {

    public boolean isResumable() {
        return Boolean.TRUE.equals(resumable) && newHandle != null && !newHandle.isEmpty();
    }
}
