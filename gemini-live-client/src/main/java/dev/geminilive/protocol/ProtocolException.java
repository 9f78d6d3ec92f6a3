package dev.geminilive.protocol;

/**
 * A frame that does not follow the protocol. The message is worded as the real server words its close reasons, and
 * {@link #closeCode()} is the WebSocket close code the server would send (1007 for invalid payloads).
 */
public class ProtocolException extends RuntimeException {

    /** Close code for an invalid payload. */
    public static final int INVALID_PAYLOAD = 1007;

    private final int closeCode;

    public ProtocolException(String message, Throwable cause) {
        this(INVALID_PAYLOAD, message, cause);
    }

    public ProtocolException(int closeCode, String message, Throwable cause) {
        super(message, cause);
        this.closeCode = closeCode;
    }

    /** @return the WebSocket close code that reports this error */
    public int closeCode() {
        return closeCode;
    }
}
