package dev.geminilive.emulator;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.geminilive.emulator.server.HandshakeInfo;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ServerMessage;

/**
 * Writes the frames of one connection: server messages as binary (or text) UTF-8 JSON, unchecked raw frames, close
 * frames, and the abrupt drop. Every frame is recorded before it is written. Used from the connection's serial
 * executor only.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Session ws;
    private final HandshakeInfo handshake;
    private final FrameLog log;
    private final boolean binary;
    private volatile Duration frameDelay;

    Outbox(Session ws, HandshakeInfo handshake, FrameLog log, boolean binary, Duration frameDelay) {
        this.ws = ws;
        this.handshake = handshake;
        this.log = log;
        this.binary = binary;
        this.frameDelay = frameDelay == null ? Duration.ZERO : frameDelay;
    }

    void frameDelay(Duration delay) {
        frameDelay = delay == null ? Duration.ZERO : delay;
    }

    void send(ServerMessage message) {
        String json = LiveCodec.strict().encode(message);
        pause();
        log.recordOut(json, binary, message);
        write(json);
    }

    void sendRaw(String text) {
        pause();
        log.recordOut(text, binary, null);
        write(text);
    }

    /** Sends a close frame; the reason must already be cut to 123 bytes. */
    void close(int code, String reason) {
        try {
            if (ws.isOpen()) {
                ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Close of an emulator session failed: {}", e.toString());
        }
    }

    /** Ends the TCP connection without a close frame. */
    void drop() {
        handshake.connection().closeSilently();
    }

    private void write(String json) {
        if (!ws.isOpen()) {
            return;
        }
        try {
            if (binary) {
                ws.getBasicRemote().sendBinary(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            } else {
                ws.getBasicRemote().sendText(json);
            }
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Send on an emulator session failed: {}", e.toString());
        }
    }

    private void pause() {
        long ms = frameDelay.toMillis();
        if (ms > 0) {
            try {
                Thread.sleep(ms); // deliberate: an injected per-frame delay holds this session's serial queue
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
