package dev.geminilive.protocol;

import java.time.Duration;

/**
 * Detected speech start or end.
 *
 * @param type        {@code ACTIVITY_START} or {@code ACTIVITY_END}
 * @param audioOffset offset into the input audio
 */
public record VoiceActivity(String type, Duration audioOffset) {
}
