package dev.geminilive.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.ServerMessage;

/**
 * One WebSocket frame of a session, as recorded by the emulator.
 *
 * @param seq       position in the session, from 0
 * @param direction who sent it
 * @param time      when it came off the socket (before waiting for the session's queue), or when it was sent
 * @param json      the frame's text (UTF-8 JSON, or whatever a malformed frame held)
 * @param binary    whether it travelled as a binary frame
 * @param client    the decoded client message, or null (server frame, or a client frame that did not parse)
 * @param server    the server message, or null (client frame, or a deliberately malformed server frame)
 */
public record RecordedFrame(long seq, Direction direction, Instant time, String json, boolean binary, ClientMessage client,
        ServerMessage server) {

    /** Who sent a frame. */
    public enum Direction {
        /** Client to emulator. */
        IN,
        /** Emulator to client. */
        OUT
    }

    /** @return the size of the frame's payload in bytes */
    public int bytes() {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }

    /** @return whether the client sent it */
    public boolean isIn() {
        return direction == Direction.IN;
    }

    /** @return whether the emulator sent it */
    public boolean isOut() {
        return direction == Direction.OUT;
    }
}
