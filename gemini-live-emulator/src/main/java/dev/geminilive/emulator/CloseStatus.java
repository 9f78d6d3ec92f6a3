package dev.geminilive.emulator;

/**
 * How a connection ended.
 *
 * @param code     the WebSocket close code (1006 when the TCP connection ended without a close frame)
 * @param reason   the close reason as sent (at most 123 UTF-8 bytes)
 * @param byServer whether the emulator closed it
 * @param abrupt   whether it ended without a close frame (a dropped connection)
 */
public record CloseStatus(int code, String reason, boolean byServer, boolean abrupt) {
}
