package dev.geminilive.examples.voice.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.examples.voice.RealTimeBudget;
import dev.geminilive.examples.voice.VoiceBridge;
import dev.geminilive.examples.voice.VoiceSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One browser tab's WebSocket, and its own gemini-live conversation (public for Tyrus).
 *
 * <p>The page's protocol, kept small so the page needs no library:
 * <ul>
 * <li>browser to server, binary: a kind byte then the data: {@code 1} = 16-bit little-endian mono PCM at 16 kHz,
 * {@code 2} = a JPEG camera frame (at most one a second is passed on; faster ones are dropped); audio faster than
 * real time (beyond a two-second burst) closes the connection with 1008;</li>
 * <li>server to browser, binary: the model's speech, 16-bit little-endian mono PCM at 24 kHz;</li>
 * <li>server to browser, text: JSON events {@code {"type":"transcript","role":"user|model","text":...}},
 * {@code {"type":"interrupted"}} (stop playback now), {@code {"type":"turnComplete"}} and
 * {@code {"type":"status","status":...}}.</li>
 * </ul>
 */
public final class BrowserEndpoint extends Endpoint implements VoiceSink {

    /** Kind byte of microphone audio. */
    static final byte AUDIO = 1;
    /** Kind byte of a camera frame. */
    static final byte IMAGE = 2;
    /** The Live API takes video at about one frame a second; more only costs tokens. */
    static final long MIN_FRAME_INTERVAL_NANOS = 1_000_000_000L;
    /** One second of 16 kHz audio: a page sends 40 ms at a time, so more is not a microphone. */
    static final int MAX_AUDIO_BYTES = 32_000;

    private static final Logger LOG = LoggerFactory.getLogger(BrowserEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VoiceBridge bridge;
    private final String conversationId = "web-" + UUID.randomUUID();
    private Session socket;
    private long lastFrameNanos;
    /**
     * 16 kHz 16-bit mono is 32,000 bytes a second; five seconds of slack, since a tab or a machine that stalls for a
     * moment delivers the audio it captured meanwhile in one burst. A script pushing faster still runs out of it.
     */
    private final RealTimeBudget audioBudget = new RealTimeBudget(32_000, 5, System.nanoTime());

    BrowserEndpoint(VoiceBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.socket = session;
        bridge.register(conversationId, this);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) this::onBinary);
        status("ready", "");
        LOG.info("browser {} connected", conversationId);
    }

    private void onBinary(ByteBuffer message) {
        if (!message.hasRemaining()) {
            return;
        }
        byte kind = message.get();
        byte[] data = new byte[message.remaining()];
        message.get(data);
        if (kind == AUDIO && data.length > 0 && data.length % 2 == 0 && data.length <= MAX_AUDIO_BYTES) {
            if (!audioBudget.take(data.length, System.nanoTime())) {
                LOG.warn("browser {} sent audio faster than real time; disconnected", conversationId);
                close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "audio faster than real time"));
                return;
            }
            bridge.audio(conversationId, data);
        } else if (kind == IMAGE && isJpeg(data)) {
            long now = System.nanoTime();
            if (lastFrameNanos == 0 || now - lastFrameNanos >= MIN_FRAME_INTERVAL_NANOS) {
                lastFrameNanos = now;
                bridge.image(conversationId, data);
            }
        } else {
            close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "unknown or malformed message"));
        }
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        bridge.end(conversationId);
        LOG.info("browser {} left", conversationId);
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("browser {}: {}", conversationId, error.toString());
    }

    @Override
    public void audio(byte[] pcm24k) {
        if (socket.isOpen()) {
            try {
                synchronized (socket) {
                    socket.getBasicRemote().sendBinary(ByteBuffer.wrap(pcm24k));
                }
            } catch (IOException e) {
                LOG.debug("browser {}: audio not sent: {}", conversationId, e.toString());
            }
        }
    }

    @Override
    public void transcript(String role, String text) {
        ObjectNode event = event("transcript");
        event.put("role", role);
        event.put("text", text);
        send(event);
    }

    @Override
    public void interrupted() {
        send(event("interrupted"));
    }

    @Override
    public void turnComplete() {
        send(event("turnComplete"));
    }

    @Override
    public void status(String status, String detail) {
        ObjectNode event = event("status");
        event.put("status", status);
        if (!detail.isEmpty()) {
            event.put("detail", detail);
        }
        send(event);
    }

    private static boolean isJpeg(byte[] data) {
        // a JPEG starts with the SOI marker FF D8
        return data.length > 3 && data.length <= 256 * 1024 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8;
    }

    private static ObjectNode event(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }

    private void send(ObjectNode event) {
        if (socket == null || !socket.isOpen()) {
            return;
        }
        try {
            synchronized (socket) {
                socket.getBasicRemote().sendText(event.toString());
            }
        } catch (IOException e) {
            LOG.debug("browser {}: event not sent: {}", conversationId, e.toString());
        }
    }

    private void close(CloseReason reason) {
        try {
            socket.close(reason);
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
