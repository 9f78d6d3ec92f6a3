package dev.geminilive.emulator;

import java.time.Duration;

import dev.geminilive.protocol.ServerMessage;

/** Failures a test can inject into a live session at any time. Every call returns at once; the effect is asynchronous. */
public interface Faults {

    /** Ends the TCP connection with no close frame (the client sees 1006). */
    void drop();

    /** Sends a close frame with this code and reason (the reason cut to 123 bytes). */
    void close(int code, String reason);

    /** Freezes the session: no frame is sent and no input is processed for this long. */
    void stall(Duration duration);

    /** Sends a frame that is not valid JSON. */
    void sendMalformed();

    /** Sends this text as a frame, unchecked. */
    void sendRaw(String text);

    /** Sends a server message out of turn, e.g. a goAway or a sessionResumptionUpdate, exactly as given and alone. */
    void send(ServerMessage message);

    /**
     * Sends goAway with this time left, without changing when the connection really ends. As with the goAway at the end
     * of the connection lifetime, a session with {@code sessionResumption} whose model is not generating first gets a
     * fresh resumable {@code sessionResumptionUpdate}.
     */
    void goAway(Duration timeLeft);

    /** Delays every later server frame by this much ({@link Duration#ZERO} to stop). */
    void delayEachFrame(Duration delay);
}
