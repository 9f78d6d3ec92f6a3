package dev.geminilive.protocol;

/**
 * One server-to-client frame. It carries one of the message fields, and may also carry {@code usageMetadata}
 * (3.x sends a message with only {@code usageMetadata}).
 *
 * @param setupComplete                 the answer to setup
 * @param serverContent                 model output, transcriptions and turn state
 * @param toolCall                      functions the model wants called
 * @param toolCallCancellation          calls that should not have run
 * @param goAway                        the connection closes soon
 * @param sessionResumptionUpdate       a new resumption handle
 * @param voiceActivity                 detected speech start or end
 * @param voiceActivityDetectionSignal  VAD signal (allowlisted)
 * @param usageMetadata                 token counts
 */
public record ServerMessage(
        SetupComplete setupComplete,
        ServerContent serverContent,
        ToolCall toolCall,
        ToolCallCancellation toolCallCancellation,
        GoAway goAway,
        SessionResumptionUpdate sessionResumptionUpdate,
        VoiceActivity voiceActivity,
        VoiceActivityDetectionSignal voiceActivityDetectionSignal,
        UsageMetadata usageMetadata) {

    /** Which message a frame carries; {@code USAGE} when only {@code usageMetadata} is present. */
    public enum Kind {
        SETUP_COMPLETE, SERVER_CONTENT, TOOL_CALL, TOOL_CALL_CANCELLATION, GO_AWAY, SESSION_RESUMPTION_UPDATE, VOICE_ACTIVITY,
        VOICE_ACTIVITY_DETECTION_SIGNAL, USAGE, EMPTY
    }

    /** @return the kind of this message */
    public Kind kind() {
        if (setupComplete != null) {
            return Kind.SETUP_COMPLETE;
        } else if (serverContent != null) {
            return Kind.SERVER_CONTENT;
        } else if (toolCall != null) {
            return Kind.TOOL_CALL;
        } else if (toolCallCancellation != null) {
            return Kind.TOOL_CALL_CANCELLATION;
        } else if (goAway != null) {
            return Kind.GO_AWAY;
        } else if (sessionResumptionUpdate != null) {
            return Kind.SESSION_RESUMPTION_UPDATE;
        } else if (voiceActivity != null) {
            return Kind.VOICE_ACTIVITY;
        } else if (voiceActivityDetectionSignal != null) {
            return Kind.VOICE_ACTIVITY_DETECTION_SIGNAL;
        }
        return usageMetadata != null ? Kind.USAGE : Kind.EMPTY;
    }

    public static ServerMessage of(SetupComplete m) {
        return new ServerMessage(m, null, null, null, null, null, null, null, null);
    }

    public static ServerMessage of(ServerContent m) {
        return new ServerMessage(null, m, null, null, null, null, null, null, null);
    }

    public static ServerMessage of(ServerContent m, UsageMetadata usage) {
        return new ServerMessage(null, m, null, null, null, null, null, null, usage);
    }

    public static ServerMessage of(ToolCall m) {
        return new ServerMessage(null, null, m, null, null, null, null, null, null);
    }

    public static ServerMessage of(ToolCallCancellation m) {
        return new ServerMessage(null, null, null, m, null, null, null, null, null);
    }

    public static ServerMessage of(GoAway m) {
        return new ServerMessage(null, null, null, null, m, null, null, null, null);
    }

    public static ServerMessage of(SessionResumptionUpdate m) {
        return new ServerMessage(null, null, null, null, null, m, null, null, null);
    }

    public static ServerMessage of(VoiceActivity m) {
        return new ServerMessage(null, null, null, null, null, null, m, null, null);
    }

    public static ServerMessage of(UsageMetadata usage) {
        return new ServerMessage(null, null, null, null, null, null, null, null, usage);
    }
}
