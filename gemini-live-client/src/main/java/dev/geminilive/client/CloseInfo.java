package dev.geminilive.client;

/**
 * How a connection ended.
 *
 * @param code   the WebSocket close code (1006 when the connection dropped without a close frame)
 * @param reason the reason text, possibly truncated by the server to 123 bytes
 * @param remote whether the server (or the network) ended it, rather than this client
 */
public record CloseInfo(int code, String reason, boolean remote) {

    /** Normal closure. */
    public static final int NORMAL = 1000;
    /** Endpoint going away. */
    public static final int GOING_AWAY = 1001;
    /** Closed without a close frame. */
    public static final int ABNORMAL = 1006;
    /** Invalid payload: a bad field or value. */
    public static final int INVALID_PAYLOAD = 1007;
    /** Policy violation: bad model, bad key. */
    public static final int POLICY_VIOLATION = 1008;
    /** Server error, quota, deadline after goAway. */
    public static final int INTERNAL_ERROR = 1011;

    /**
     * @return whether retrying the same request cannot help: the server refused the request itself (1007, 1008)
     */
    public boolean isFatal() {
        return code == INVALID_PAYLOAD || code == POLICY_VIOLATION;
    }

    @Override
    public String toString() {
        return code + (reason == null || reason.isEmpty() ? "" : " \"" + reason + "\"") + (remote ? "" : " (local)");
    }
}
