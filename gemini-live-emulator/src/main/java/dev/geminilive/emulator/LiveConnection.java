package dev.geminilive.emulator;

import java.time.Duration;
import java.time.Instant;

import jakarta.websocket.Session;

import dev.geminilive.emulator.server.HandshakeInfo;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.ServerMessage;

/**
 * The emulated model behind one WebSocket connection. It coordinates the connection's parts: socket events and
 * injected faults are queued on the connection's {@link SerialExecutor}, and each client message goes to the part
 * that handles its kind; setup to {@link Admission}, content to {@link ClientContentHandler} and
 * {@link RealtimeInputHandler}, function results to {@link ToolResponseHandler}. Every part runs on that one executor
 * only, so the connection's state needs no locks; the public entry points only enqueue.
 */
final class LiveConnection implements Faults {

    private final SerialExecutor serial;
    private final ConnectionState s;
    private final ConnectionTimers timers;
    private final ConnectionEnd end;
    private final Resumption resumption;
    private final ConnectionLimits limits;
    private final Admission admission;
    private final TurnPlayer player;
    private final Responder responder;
    private final ClientContentHandler content;
    private final RealtimeInputHandler realtime;
    private final ToolResponseHandler toolResponses;

    LiveConnection(EmulatorCore core, HandshakeInfo handshake, LivePath path, Session ws) {
        EmulatorSettings settings = core.settings;
        this.serial = new SerialExecutor(core.workers);
        EmulatorSession view = new EmulatorSession(core.nextSessionId(), path, this, settings.recording());
        Outbox out = new Outbox(ws, handshake, view.frames(), settings.binaryFrames(), settings.frameDelay());
        this.s = new ConnectionState(core, handshake, path, view, out);
        this.timers = new ConnectionTimers(core.timers, serial);
        this.end = new ConnectionEnd(s, this::release);
        this.resumption = new Resumption(s, timers);
        this.limits = new ConnectionLimits(s, timers, resumption, end);
        this.admission = new Admission(s, this, timers, end, resumption, limits);
        ToolBook tools = new ToolBook();
        TurnBuilder builder = new TurnBuilder(s, tools, resumption, end);
        this.player = new TurnPlayer(s, timers, tools, builder, resumption);
        this.responder = new Responder(s, player, builder);
        this.content = new ClientContentHandler(s, player, responder);
        this.realtime = new RealtimeInputHandler(s, player, responder, limits);
        this.toolResponses = new ToolResponseHandler(s, tools, player, responder);
    }

    EmulatorSession view() {
        return s.view;
    }

    // ---------------------------------------------------------------- entry points (any thread)

    void opened() {
        serial.execute(limits::start);
    }

    void frame(String json, boolean binary) {
        Instant arrived = Instant.now();
        serial.execute(() -> handleFrame(json, binary, arrived));
    }

    /** A frame over the configured limit: RFC 6455 close 1009. */
    void tooBig() {
        serial.execute(() -> end.close(CloseReasons.TOO_BIG, "Message too big: the limit is " + s.settings.maxMessageBytes() + " bytes."));
    }

    void closedByPeer(int code, String reason) {
        // the session stops counting against the quota (and stops holding its conversation) as soon as the client has
        // closed, not once this session's queue gets to it: a client that closes one session to open another is not
        // refused for the one it just closed
        admission.release();
        serial.execute(() -> end.finish(new CloseStatus(code, reason, false, code == 1006)));
    }

    @Override
    public void drop() {
        serial.execute(end::drop);
    }

    @Override
    public void close(int code, String reason) {
        serial.execute(() -> end.close(code, reason));
    }

    @Override
    public void stall(Duration duration) {
        serial.execute(() -> ConnectionTimers.stall(duration.toMillis()));
    }

    @Override
    public void sendMalformed() {
        sendRaw(TurnBuilder.MALFORMED);
    }

    @Override
    public void sendRaw(String text) {
        serial.execute(() -> {
            if (!s.closed()) {
                s.out.sendRaw(text);
            }
        });
    }

    @Override
    public void send(ServerMessage message) {
        serial.execute(() -> {
            if (!s.closed()) {
                s.out.send(message);
            }
        });
    }

    @Override
    public void goAway(Duration timeLeft) {
        serial.execute(() -> {
            if (!s.closed()) {
                resumption.goAway(timeLeft);
            }
        });
    }

    /**
     * The emulator stops: the close frame goes out from the caller's thread at once, even when this session's queue is
     * stalled, so no client is left with a connection that ends without one.
     */
    void shutdown(int code, String reason) {
        s.out.close(code, reason);
        serial.execute(() -> end.finish(new CloseStatus(code, reason, true, false)));
    }

    /** @return whether the TCP connection is still open */
    boolean transportOpen() {
        return s.handshake.connection().isOpen();
    }

    @Override
    public void delayEachFrame(Duration delay) {
        s.out.frameDelay(delay);
    }

    // ---------------------------------------------------------------- frames (serial executor)

    private void handleFrame(String json, boolean binary, Instant arrived) {
        if (s.closed()) {
            return;
        }
        s.lastClientFrameNanos = System.nanoTime();
        s.clientIndex++;
        ClientMessage message = null;
        ProtocolException invalid = null;
        try {
            message = LiveCodec.strict().decodeClient(json);
        } catch (ProtocolException e) {
            invalid = e;
        }
        s.view.frames().recordIn(json, binary, message, arrived);
        if (!admission.credentialsOk()) {
            return;
        }
        try {
            if (invalid != null) {
                throw invalid;
            }
            dispatch(message, json);
        } catch (ProtocolException e) {
            end.close(e.closeCode(), e.getMessage());
        }
    }

    private void dispatch(ClientMessage message, String json) {
        if (message.kind() == ClientMessage.Kind.SETUP) {
            admission.setup(message, json);
            realtime.listen();
            responder.connected(); // a scenario may have the model speak first
            return;
        }
        if (!s.active()) {
            throw ConnectionState.invalidArgument("The first message must be setup.");
        }
        switch (message.kind()) {
            case CLIENT_CONTENT -> content.onClientContent(message.clientContent());
            case REALTIME_INPUT -> realtime.onRealtimeInput(message.realtimeInput());
            case TOOL_RESPONSE -> toolResponses.onToolResponse(message.toolResponse());
            case CONTEXT_UPDATE -> content.onContextUpdate(message.contextUpdate());
            default -> throw ConnectionState.invalidArgument(null);
        }
    }

    /** The connection ended: the parts let go of what they hold. */
    private void release() {
        player.stop();
        timers.cancelTracked();
        limits.stop();
        resumption.stop();
        admission.release();
    }
}
