package dev.geminilive.examples.voice.phone;

import java.io.IOException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.geminilive.audio.MuLawDecoder;
import dev.geminilive.audio.MuLawFramer;
import dev.geminilive.examples.voice.VoiceBridge;
import dev.geminilive.examples.voice.VoiceSink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One phone call: the provider's media stream on one side, its own gemini-live conversation on the other.
 * <ul>
 * <li>in: {@code media} payloads (8 kHz μ-law) are decoded, resampled to 16 kHz and sent as they come;</li>
 * <li>out: the model's 24 kHz speech is resampled to 8 kHz, encoded and cut into 160-byte frames, released at speaking
 * pace by a {@link FramePacer}, with a {@code mark} after each answer so the gateway learns when the caller has heard
 * it;</li>
 * <li>barge-in: when Gemini reports that the caller spoke over the answer, or the caller starts speaking while an
 * answer is still being played ({@link SpeechOnset}), the unsent frames are dropped and a {@code clear} event tells the
 * provider to drop what it buffered.</li>
 * </ul>
 */
final class PhoneCall implements VoiceSink {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneCall.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FRAME_MILLIS = 20;

    private final Session socket;
    private final VoiceBridge bridge;
    private final MuLawDecoder decoder = new MuLawDecoder(16000);
    private final MuLawFramer framer = new MuLawFramer(24000, MuLawFramer.DEFAULT_FRAME_BYTES);
    private final FramePacer pacer = new FramePacer(new PacedOutput(), FRAME_MILLIS);
    private final SpeechOnset onset = new SpeechOnset();
    private final Set<String> marksInFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turns = new AtomicInteger();
    private final AtomicLong framesSent = new AtomicLong();
    /** Set by Gemini's interrupted, so the turnComplete that follows marks nothing: nothing of that turn is left to hear. */
    private boolean turnInterrupted;
    private volatile MediaStreamDialect dialect = MediaStreamDialect.TWILIO;
    private volatile String streamId;
    private volatile String conversationId;

    private final StreamToken token;

    PhoneCall(Session socket, VoiceBridge bridge, StreamToken token) {
        this.socket = socket;
        this.bridge = bridge;
        this.token = token;
    }

    /** Handles one JSON envelope from the provider. */
    void onMessage(String text) throws IOException {
        JsonNode event = JSON.readTree(text);
        switch (event.path("event").asText("")) {
            case "connected" -> { }
            case "start" -> start(event);
            case "media" -> media(event);
            case "mark" -> marksInFlight.remove(event.path("mark").path("name").asText(""));
            case "stop" -> stop();
            case "dtmf" -> { }
            default -> LOG.debug("ignoring media stream event {}", event.path("event").asText());
        }
    }

    private void start(JsonNode event) throws IOException {
        dialect = MediaStreamDialect.of(event);
        if (!dialect.isMuLaw8k(event)) {
            socket.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "only 8 kHz G.711 u-law is supported"));
            return;
        }
        if (!token.admits(event.path("start").path("customParameters").path(StreamToken.PARAMETER).asText(null))) {
            LOG.warn("a media stream without the right token was refused");
            socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "unauthorized"));
            return;
        }
        streamId = dialect.streamId(event);
        if (streamId == null || streamId.isBlank()) {
            socket.close(new CloseReason(CloseReason.CloseCodes.PROTOCOL_ERROR, "start without a stream id"));
            return;
        }
        conversationId = "call-" + streamId;
        bridge.register(conversationId, this);
        LOG.info("call {} started ({})", conversationId, dialect);
    }

    private void media(JsonNode event) {
        if (conversationId == null) {
            return; // media before start carries no stream to answer on
        }
        JsonNode media = event.path("media");
        if (!media.path("track").asText("inbound").startsWith("inbound")) {
            return; // a stream of both tracks also carries what the caller hears
        }
        byte[] pcm = decoder.decode(Base64.getDecoder().decode(media.path("payload").asText("")));
        if (pcm.length > 0) {
            if (onset.feed(pcm, decoder.outputRate()) && isPlaying()) {
                stopPlayback("the caller started speaking");
            }
            bridge.audio(conversationId, pcm);
        }
    }

    /** Ends the call's conversation; safe to call more than once. */
    void stop() {
        String id = conversationId;
        if (id != null) {
            conversationId = null;
            bridge.end(id);
            pacer.clear(() -> { });
            LOG.info("call {} ended after {} turns, {} frames sent", id, turns.get(), framesSent.get());
        }
    }

    /** Sends what the pacer says is due; run every few milliseconds. */
    void tick(long now) {
        pacer.tick(now);
    }

    @Override
    public void audio(byte[] pcm24k) {
        pacer.frames(framer.frames(pcm24k));
    }

    @Override
    public void transcript(String role, String text) {
        LOG.debug("call {} {}: {}", conversationId, role, text);
    }

    @Override
    public void interrupted() {
        turnInterrupted = true;
        framer.reset();
        stopPlayback("Gemini was interrupted");
    }

    /** Barge-in: drops the frames not yet sent and tells the provider to drop what it has buffered. */
    private void stopPlayback(String why) {
        int dropped = pacer.clear(() -> send(envelope("clear")));
        // the provider answers a clear by returning every pending mark: nothing is left to be heard
        marksInFlight.clear();
        LOG.info("call {}: {}; {} frames dropped, clear sent", conversationId, why, dropped);
    }

    @Override
    public void turnComplete() {
        if (turnInterrupted) {
            turnInterrupted = false;
            return;
        }
        pacer.frames(framer.flush());
        String name = "answer-" + turns.incrementAndGet();
        marksInFlight.add(name);
        pacer.mark(name);
    }

    @Override
    public void status(String status, String detail) {
        LOG.info("call {}: Gemini Live {} {}", conversationId, status, detail);
    }

    /** @return whether the caller may still be hearing an answer (marks sent and not yet echoed) */
    boolean isPlaying() {
        return !pacer.isIdle() || !marksInFlight.isEmpty();
    }

    private ObjectNode envelope(String event) {
        ObjectNode node = JSON.createObjectNode();
        node.put("event", event);
        node.put(dialect.streamIdField, streamId);
        return node;
    }

    private void send(ObjectNode message) {
        if (!socket.isOpen()) {
            return;
        }
        try {
            synchronized (socket) {
                socket.getBasicRemote().sendText(message.toString());
            }
        } catch (IOException e) {
            LOG.debug("call {}: could not send {}: {}", conversationId, message.path("event").asText(), e.toString());
        }
    }

    private final class PacedOutput implements FramePacer.Output {
        @Override
        public void media(byte[] frame) {
            ObjectNode message = envelope("media");
            message.putObject("media").put("payload", Base64.getEncoder().encodeToString(frame));
            send(message);
            framesSent.incrementAndGet();
        }

        @Override
        public void mark(String name) {
            ObjectNode message = envelope("mark");
            message.putObject("mark").put("name", name);
            send(message);
        }
    }
}
