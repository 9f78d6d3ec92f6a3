package dev.geminilive.emulator;

import java.nio.charset.StandardCharsets;

/** Close codes and the reason texts the real server uses, and the RFC 6455 limit on reason length. */
public final class CloseReasons {

    /** RFC 6455: a close frame payload is at most 125 bytes, 2 of them the code. */
    public static final int MAX_REASON_BYTES = 123;

    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int INVALID_PAYLOAD = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;

    public static final String INVALID_ARGUMENT = "Request contains an invalid argument.";
    public static final String MEDIA_CHUNKS_DEPRECATED = "realtime_input.media_chunks is deprecated. Use audio, video, or text instead.";
    public static final String NON_AUDIO_REQUEST = "Cannot extract voices from a non-audio request.";
    public static final String DEADLINE_EXPIRED = "Deadline expired before operation could complete.";
    public static final String RESOURCE_EXHAUSTED = "Resource has been exhausted (e.g. check quota).";
    /**
     * The close reason seen when a key opens more concurrent sessions than its quota allows (observed, 2026; the
     * end of the sentence is our wording, the report cuts it off).
     */
    public static final String MAX_CONCURRENT_SESSIONS = "RESOURCE_EXHAUSTED: Maximum concurrent sessions exceeded for this API key.";
    public static final String ABORTED = "The operation was aborted.";
    public static final String INTERNAL = "Internal error occurred.";
    /** What a 3.1 Flash Live model was reported to answer to a TEXT modality (close 1011). */
    public static final String INTERNAL_ENCOUNTERED = "Internal error encountered.";
    /** Emulator decision: a resume was refused while another connection of the session is open. */
    public static final String SESSION_IN_USE = "The session is still in use by another connection. Close it before resuming.";
    /** Emulator decision: a resume was accepted while this older connection of the session was open. */
    public static final String SESSION_RESUMED_ELSEWHERE = "Session resumed on another connection.";
    /** Emulator decision: the emulator stopped while the connection was open. */
    public static final String SHUTTING_DOWN = "The emulator is shutting down.";
    /**
     * Emulator decision (Google documents no text): close 1008 for a setup, or an open session, after the ephemeral
     * token's {@code expireTime}.
     */
    public static final String AUTH_TOKEN_EXPIRED = "The auth token has expired.";
    /** Emulator decision: close 1008 for a new session after the token's {@code newSessionExpireTime}. */
    public static final String AUTH_TOKEN_NEW_SESSION_EXPIRED = "The auth token can no longer start new sessions.";
    /** Emulator decision: close 1008 for a new session once the token's {@code uses} are spent. */
    public static final String AUTH_TOKEN_USED_UP = "The auth token has no uses left.";
    public static final String API_KEY_INVALID = "API key not valid. Please pass a valid API key.";
    public static final String UNREGISTERED_CALLER = "Method doesn't allow unregistered callers (callers without established identity)."
            + " Please use API Key or other form of API consumer identity to call this API.";
    public static final String UNAUTHENTICATED = "Request had invalid authentication credentials. Expected OAuth 2 access token,"
            + " login cookie or other valid authentication credential.";

    private CloseReasons() {
    }

    /** @return the reason of a close 1008 for a model the emulator does not serve */
    public static String modelNotFound(String model, String apiVersion) {
        String name = model == null || model.isBlank() ? "models/" : model.startsWith("models/") || model.contains("/") ? model : "models/" + model;
        return name + " is not found for API version " + apiVersion + ", or is not supported for bidiGenerateContent."
                + " Call ListModels to see the list of available models and their supported methods.";
    }

    /** @return the reason of the emulator's idle close, e.g. {@code Idle timeout: no client message for 30s} */
    public static String idleTimeout(java.time.Duration idle) {
        long ms = idle.toMillis();
        String amount = ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        return "Idle timeout: no client message for " + amount;
    }

    /** @return {@code reason} cut to at most 123 UTF-8 bytes, never inside a character */
    public static String truncate(String reason) {
        if (reason == null) {
            return "";
        }
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_REASON_BYTES) {
            return reason;
        }
        int end = MAX_REASON_BYTES;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // bytes[end] continues a character that started before it: cut before that character
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
