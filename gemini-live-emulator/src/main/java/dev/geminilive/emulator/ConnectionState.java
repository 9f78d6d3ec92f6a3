package dev.geminilive.emulator;

import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.emulator.scenario.ScenarioRunner;
import dev.geminilive.emulator.server.HandshakeInfo;
import dev.geminilive.protocol.ProtocolException;

/**
 * What the parts of one connection share: its fixed context, its phase, and what setup and later input made of the
 * session. Touched only on the connection's {@link SerialExecutor} (the few exceptions are marked), so it needs no
 * locks.
 */
final class ConnectionState {

    /** Where the connection is in its life. */
    enum Phase { AWAITING_SETUP, ACTIVE, CLOSED }

    final EmulatorCore core;
    final EmulatorSettings settings;
    final HandshakeInfo handshake;
    final LivePath path;
    final EmulatorSession view;
    final Outbox out;

    Phase phase = Phase.AWAITING_SETUP;
    /** Set by setup; contextUpdate replaces its tools. */
    SessionOptions opts;
    /** A resumed session starts with the memory its handle saved. */
    Conversation memory = new Conversation();
    /** Shared by every connection of one resumable session; read off the serial executor when the client closes. */
    String conversationId;
    ScenarioRunner scenario;
    /** The model turn under way, null when the model is idle; only {@link TurnPlayer} sets it. */
    ModelTurn turn;
    /** Index of the latest client message, for lastConsumedClientMessageIndex. */
    long clientIndex = -1;
    long lastClientFrameNanos = System.nanoTime();
    /** clientContent may still seed history: no realtime input, tool response or user turn came yet. */
    boolean seedOpen = true;

    ConnectionState(EmulatorCore core, HandshakeInfo handshake, LivePath path, EmulatorSession view, Outbox out) {
        this.core = core;
        this.settings = core.settings;
        this.handshake = handshake;
        this.path = path;
        this.view = view;
        this.out = out;
        this.conversationId = view.id();
    }

    boolean active() {
        return phase == Phase.ACTIVE;
    }

    boolean closed() {
        return phase == Phase.CLOSED;
    }

    /** @return the pause after each streamed frame, in ms */
    long chunkDelayMs() {
        return settings.chunkDelay().toMillis();
    }

    /** @return the refusal the real server closes with (1007) for a message it does not accept */
    static ProtocolException invalidArgument(String detail) {
        return new ProtocolException(detail == null ? CloseReasons.INVALID_ARGUMENT : CloseReasons.INVALID_ARGUMENT + " " + detail, null);
    }
}
