package dev.geminilive.examples.voice.phone;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.geminilive.examples.voice.VoiceBridge;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WebSocket a telephony provider opens for each call; one instance per connection (public for Tyrus). */
public final class MediaStreamEndpoint extends Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(MediaStreamEndpoint.class);

    private final VoiceBridge bridge;
    private final Set<PhoneCall> calls;
    private PhoneCall call;

    private final StreamToken token;

    MediaStreamEndpoint(VoiceBridge bridge, Set<PhoneCall> calls, StreamToken token) {
        this.bridge = bridge;
        this.calls = calls;
        this.token = token;
    }

    static Set<PhoneCall> newCallSet() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        call = new PhoneCall(session, bridge, token);
        calls.add(call);
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            try {
                call.onMessage(text);
            } catch (IOException | RuntimeException e) {
                LOG.warn("media stream message refused: {}", e.toString());
                close(session, new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "bad media stream message"));
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (call != null) {
            call.stop();
            calls.remove(call);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("media stream error: {}", error.toString());
    }

    private static void close(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }
}
