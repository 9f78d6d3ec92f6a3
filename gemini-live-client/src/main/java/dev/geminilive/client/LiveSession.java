package dev.geminilive.client;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.SetupComplete;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open Live connection. Sends are ordered and asynchronous; server messages, the close and errors reach the
 * {@link LiveListener}. Thread-safe.
 */
public final class LiveSession implements AutoCloseable {

    /** Made on first use: only failures log, and starting SLF4J is not a first session's business. */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(LiveSession.class);
    }

    private enum State { CONNECTING, SETUP, OPEN, CLOSED }

    private final LiveEndpoint endpoint;
    private final Setup setup;
    private final LiveListener listener;
    private final long maxPendingBytes;
    private final Duration writeTimeout;
    private final int maxIncomingMessageBytes;
    private final ScheduledExecutorService timer;
    private final Duration setupTimeout;
    private final CompletableFuture<LiveSession> opened = new CompletableFuture<>();
    private final CompletableFuture<CloseInfo> closed = new CompletableFuture<>();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private final AtomicBoolean closedLocally = new AtomicBoolean();
    private final SocketEndpoint socketEndpoint = new SocketEndpoint();

    private volatile State state = State.CONNECTING;
    private volatile Session socket;
    private volatile OrderedWriter writer;
    private volatile SetupComplete setupComplete;
    private volatile ScheduledFuture<?> setupTimer;

    LiveSession(LiveEndpoint endpoint, Setup setup, LiveListener listener, long maxPendingBytes,
            Duration writeTimeout, int maxIncomingMessageBytes, ScheduledExecutorService timer, Duration setupTimeout) {
        this.endpoint = endpoint;
        this.setup = setup;
        this.listener = listener;
        this.maxPendingBytes = maxPendingBytes;
        this.writeTimeout = writeTimeout;
        this.maxIncomingMessageBytes = maxIncomingMessageBytes;
        this.timer = timer;
        this.setupTimeout = setupTimeout;
    }

    /**
     * The codec, fetched when first needed (after the handshake), not when the session is made: the first client's
     * warm-up builds it meanwhile.
     */
    private static LiveCodec codec() {
        return LiveCodec.lenient();
    }

    /**
     * Queues a message; messages are written in call order and never interleave.
     *
     * @return completes when the frame is handed to the transport; fails when the session is closed or closes before
     */
    public CompletableFuture<Void> send(ClientMessage message) {
        if (state != State.OPEN) {
            return CompletableFuture.failedFuture(new LiveClientException(
                    "Gemini Live session is " + state.name().toLowerCase() + "; cannot send " + message.kind(), closed.getNow(null), null));
        }
        LiveCodec.Encoded frame;
        try {
            frame = codec().encodeFrame(message);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } catch (Throwable e) {
            return CompletableFuture.failedFuture(new LiveClientException("Cannot encode " + message.kind() + " message: " + e, e));
        }
        return writer.write(frame.json(), frame.utf8Bytes());
    }

    /** @return whether setup completed and the connection has not closed */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** @return the server's answer to setup ({@code sessionId} on Vertex AI) */
    public SetupComplete setupComplete() {
        return setupComplete;
    }

    /** @return the setup this session was opened with */
    public Setup setup() {
        return setup;
    }

    /** @return where this session is connected */
    public LiveEndpoint endpoint() {
        return endpoint;
    }

    /** @return client frames written so far, setup included */
    public long messagesWritten() {
        OrderedWriter w = writer;
        return w == null ? 0 : w.written();
    }

    /** @return bytes queued for writing */
    public long pendingBytes() {
        OrderedWriter w = writer;
        return w == null ? 0 : w.pendingBytes();
    }

    /** @return completes once with how the connection ended */
    public CompletableFuture<CloseInfo> closed() {
        return closed;
    }

    /** Closes with 1000. Returns at once; {@link #closed()} tells when it is done. */
    @Override
    public void close() {
        close(CloseInfo.NORMAL, "Client closing");
    }

    /** Closes with the given code and reason. */
    public CompletableFuture<CloseInfo> close(int code, String reason) {
        Session s = socket;
        closedLocally.set(true);
        if (s != null && s.isOpen()) {
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (java.io.IOException | RuntimeException e) {
                onClosed(new CloseInfo(CloseInfo.ABNORMAL, "close failed: " + e.getMessage(), false));
            }
        } else {
            onClosed(new CloseInfo(code, reason, false));
        }
        return closed;
    }

    @Override
    public String toString() {
        return "LiveSession[" + endpoint.safeUri() + ", " + setup.model() + ", " + state + "]";
    }

    CompletableFuture<LiveSession> opened() {
        return opened;
    }

    Endpoint socketEndpoint() {
        return socketEndpoint;
    }

    /** @return whether the connection is still being made (not failed, not timed out) */
    boolean isConnecting() {
        return state == State.CONNECTING;
    }

    /** The connect timeout passed before the socket opened (queued, or in the handshake). */
    void connectTimedOut(String message, Throwable cause) {
        if (transition(State.CONNECTING, State.CLOSED)) {
            connectFailed(message, cause);
        }
    }

    void connectFailed(String message, Throwable cause) {
        state = State.CLOSED;
        opened.completeExceptionally(new LiveClientException(message, cause));
        closed.complete(new CloseInfo(CloseInfo.ABNORMAL, message, true));
    }

    private void onText(String text) {
        try {
            dispatch(codec().decodeServer(text));
        } catch (ProtocolException e) {
            onFrameError(e);
        }
    }

    private void onBinary(ByteBuffer bytes) {
        try {
            dispatch(codec().decodeServer(bytes));
        } catch (ProtocolException e) {
            onFrameError(e);
        }
    }

    private void dispatch(ServerMessage message) {
        if (state == State.SETUP) {
            cancelSetupTimer();
            if (message.setupComplete() != null) {
                setupComplete = message.setupComplete();
                if (!transition(State.SETUP, State.OPEN)) {
                    return; // the setup timeout won the race
                }
                opened.complete(this);
            } else {
                failSetup("Gemini Live answered setup with " + message.kind() + " instead of setupComplete", null);
                close(CloseInfo.NORMAL, "Expected setupComplete");
            }
            return;
        }
        if (state == State.OPEN) {
            listener.onMessage(message);
        }
    }

    /** A frame could not be written in time: the connection is dead for our purposes; end it off the timer thread. */
    /** The writer stopped: a frame stalled for writeTimeout or the transport failed a write. */
    private void stalled() {
        Session s = socket;
        Throwable why = writer == null ? null : writer.failure();
        String reason = why != null && why.getMessage() != null && why.getMessage().startsWith("Write failed")
                ? why.getMessage() : "Write stalled for " + writeTimeout;
        CloseInfo info = new CloseInfo(CloseInfo.ABNORMAL, reason, false);
        onClosed(info);
        if (s != null) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                try {
                    s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Write stalled or failed"));
                } catch (java.io.IOException | RuntimeException e) {
                    Log.LOG.debug("Close of a stalled Gemini Live connection failed: {}", e.toString());
                }
            });
        }
    }

    private void onFrameError(ProtocolException e) {
        LiveClientException error = new LiveClientException("Unreadable frame from Gemini Live: " + e.getMessage(), e);
        if (state == State.SETUP) {
            failSetup(error.getMessage(), e);
            close(CloseInfo.NORMAL, "Unreadable setup reply");
        } else {
            listener.onError(error);
        }
    }

    /** Moves from one state to another atomically; false when the state had already changed. */
    private synchronized boolean transition(State from, State to) {
        if (state != from) {
            return false;
        }
        state = to;
        return true;
    }

    private void failSetup(String message, Throwable cause) {
        opened.completeExceptionally(new LiveClientException(message, cause));
    }

    private void cancelSetupTimer() {
        ScheduledFuture<?> t = setupTimer;
        if (t != null) {
            t.cancel(false);
        }
    }

    private void onClosed(CloseInfo info) {
        State before = state;
        state = State.CLOSED;
        cancelSetupTimer();
        LiveClientException closedError = new LiveClientException("Gemini Live session closed: " + info, info, null);
        OrderedWriter w = writer;
        if (w != null) {
            w.fail(closedError);
        }
        if (before != State.OPEN && !opened.isDone()) {
            opened.completeExceptionally(new LiveClientException(
                    "Gemini Live closed the connection during setup: " + info, info, null));
        }
        closed.complete(info);
        if (opened.isDone() && !opened.isCompletedExceptionally() && closeReported.compareAndSet(false, true)) {
            try {
                listener.onClose(info);
            } catch (RuntimeException | Error e) {
                Log.LOG.warn("Live listener failed on close of {}", endpoint.safeUri(), e);
            }
        }
    }

    private final class SocketEndpoint extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            socket = session;
            session.setMaxTextMessageBufferSize(maxIncomingMessageBytes);
            session.setMaxBinaryMessageBufferSize(maxIncomingMessageBytes);
            session.addMessageHandler(String.class, LiveSession.this::onText);
            session.addMessageHandler(ByteBuffer.class, LiveSession.this::onBinary);
            writer = new OrderedWriter(session.getAsyncRemote(), maxPendingBytes, writeTimeout, timer, LiveSession.this::stalled);
            if (!transition(State.CONNECTING, State.SETUP)) {
                // the connect timed out (or the session was closed) before the handshake finished
                closedLocally.set(true);
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Connect timed out"));
                } catch (java.io.IOException | RuntimeException e) {
                    Log.LOG.debug("Close of a timed-out Gemini Live connection failed: {}", e.toString());
                }
                return;
            }
            setupTimer = timer.schedule(() -> {
                if (transition(State.SETUP, State.CLOSED)) {
                    failSetup("No setupComplete from Gemini Live within " + setupTimeout, null);
                    close(CloseInfo.NORMAL, "Setup timed out");
                }
            }, setupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LiveCodec.Encoded json;
            try {
                json = codec().encodeFrame(ClientMessage.of(setup));
            } catch (Throwable e) {
                // e.g. a system instruction with a lone surrogate: fail now rather than wait for the setup timeout
                cancelSetupTimer();
                failSetup("Cannot send setup to Gemini Live: " + e.getMessage(), e);
                close(CloseInfo.NORMAL, "Setup not sent");
                return;
            }
            writer.write(json.json(), json.utf8Bytes()).whenComplete((v, e) -> {
                if (e != null) {
                    failSetup("Cannot send setup to Gemini Live: " + e.getMessage(), e);
                    close(CloseInfo.NORMAL, "Setup not sent");
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            onClosed(new CloseInfo(reason.getCloseCode().getCode(), reason.getReasonPhrase(), !closedLocally.get()));
        }

        @Override
        public void onError(Session session, Throwable error) {
            if (state == State.SETUP || state == State.CONNECTING) {
                failSetup("Gemini Live connection failed during setup: " + error.getMessage(), error);
            } else if (state == State.OPEN) {
                listener.onError(new LiveClientException("Gemini Live connection error: " + error.getMessage(), error));
            }
        }
    }
}
