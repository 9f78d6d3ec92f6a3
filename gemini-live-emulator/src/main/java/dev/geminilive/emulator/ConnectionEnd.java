package dev.geminilive.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends one connection, once: with a close frame or a dropped TCP connection, after which the parts let go of what they
 * hold and the session view learns how it ended.
 */
final class ConnectionEnd {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionEnd.class);

    private final ConnectionState s;
    private final Runnable release;

    /** @param release gives back what the connection's parts hold: timers, the quota slot, the conversation */
    ConnectionEnd(ConnectionState s, Runnable release) {
        this.s = s;
        this.release = release;
    }

    /** Sends a close frame, the reason cut to 123 bytes, and ends the session. */
    void close(int code, String reason) {
        if (s.closed()) {
            return;
        }
        String cut = CloseReasons.truncate(reason);
        LOG.debug("Emulator session {} closes with {} {}", s.view.id(), code, cut);
        s.out.close(code, cut);
        finish(new CloseStatus(code, cut, true, false));
    }

    /** Ends the TCP connection without a close frame: the client sees 1006. */
    void drop() {
        if (s.closed()) {
            return;
        }
        finish(new CloseStatus(1006, "", true, true));
        s.out.drop();
    }

    /** Ends the session as the status says, without sending anything. */
    void finish(CloseStatus status) {
        if (s.closed()) {
            return;
        }
        s.phase = ConnectionState.Phase.CLOSED;
        release.run();
        s.view.ended(status);
    }
}
