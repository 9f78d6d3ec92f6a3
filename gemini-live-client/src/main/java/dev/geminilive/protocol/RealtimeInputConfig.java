package dev.geminilive.protocol;

/**
 * How realtime input is turned into turns.
 *
 * @param automaticActivityDetection server-side voice activity detection
 * @param activityHandling           whether new activity interrupts the model
 * @param turnCoverage               which input a turn includes
 * @param interimTranscriptTimestampEnabled add timestamps to interim input transcriptions
 */
public record RealtimeInputConfig(
        AutomaticActivityDetection automaticActivityDetection,
        ActivityHandling activityHandling,
        TurnCoverage turnCoverage,
        Boolean interimTranscriptTimestampEnabled) {

    /** The fields known before {@code interimTranscriptTimestampEnabled}; that one stays unset. */
    public RealtimeInputConfig(AutomaticActivityDetection automaticActivityDetection, ActivityHandling activityHandling,
            TurnCoverage turnCoverage) {
        this(automaticActivityDetection, activityHandling, turnCoverage, null);
    }

    /** Barge-in behaviour. */
    public enum ActivityHandling { ACTIVITY_HANDLING_UNSPECIFIED, START_OF_ACTIVITY_INTERRUPTS, NO_INTERRUPTION }

    /** What a user turn includes. */
    public enum TurnCoverage {
        TURN_COVERAGE_UNSPECIFIED, TURN_INCLUDES_ONLY_ACTIVITY, TURN_INCLUDES_ALL_INPUT, TURN_INCLUDES_AUDIO_ACTIVITY_AND_ALL_VIDEO
    }

    /** Start-of-speech sensitivity. */
    public enum StartSensitivity { START_SENSITIVITY_UNSPECIFIED, START_SENSITIVITY_HIGH, START_SENSITIVITY_LOW }

    /** End-of-speech sensitivity. */
    public enum EndSensitivity { END_SENSITIVITY_UNSPECIFIED, END_SENSITIVITY_HIGH, END_SENSITIVITY_LOW }

    /**
     * @param disabled                 true for manual activityStart/activityEnd
     * @param startOfSpeechSensitivity how eagerly speech start is detected
     * @param endOfSpeechSensitivity   how eagerly speech end is detected
     * @param prefixPaddingMs          speech needed before a start is committed
     * @param silenceDurationMs        silence needed before an end is committed
     */
    public record AutomaticActivityDetection(
            Boolean disabled,
            StartSensitivity startOfSpeechSensitivity,
            EndSensitivity endOfSpeechSensitivity,
            Integer prefixPaddingMs,
            Integer silenceDurationMs) {
    }
}
