package dev.geminilive.protocol;

/**
 * Session resumption. Send {@code {}} (both null) to start a resumable session; 3.x models reject {@code handle: null}.
 *
 * @param handle      a handle from a {@link SessionResumptionUpdate}
 * @param transparent Vertex only: report {@code lastConsumedClientMessageIndex}
 */
public record SessionResumptionConfig(String handle, Boolean transparent) {

    public static SessionResumptionConfig newSession() {
        return new SessionResumptionConfig(null, null);
    }

    public static SessionResumptionConfig resume(String handle) {
        return new SessionResumptionConfig(handle, null);
    }
}
