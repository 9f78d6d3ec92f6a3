package dev.geminilive.emulator;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.geminilive.emulator.server.HandshakeInfo;
import dev.geminilive.emulator.server.HandshakeRegistry;
import dev.geminilive.emulator.server.LoopbackServer;
import dev.geminilive.protocol.LiveCodec;

/**
 * The Tyrus endpoint of every Live path: binds each WebSocket session to a {@link LiveConnection}. Public only because
 * Tyrus invokes its callbacks reflectively; it is not part of the emulator's API.
 */
public final class LiveEndpoint extends Endpoint {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEndpoint.class);
    private static final String CONNECTION = LiveConnection.class.getName();

    private final EmulatorCore core;
    private final LivePath path;

    LiveEndpoint(EmulatorCore core, LivePath path) {
        this.core = core;
        this.path = path;
    }

    /** @return one endpoint config per Live path, each creating a fresh endpoint per connection */
    static List<ServerEndpointConfig> configs(EmulatorCore core) {
        return LivePath.all().stream().map(p -> ServerEndpointConfig.Builder.create(LiveEndpoint.class, p.path())
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new LiveEndpoint(core, p));
                    }
                }).build()).toList();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Map<String, List<String>> params = session.getRequestParameterMap();
        List<String> tag = params.get(HandshakeRegistry.TAG_PARAM);
        HandshakeInfo handshake = core.handshakes.claim(tag == null || tag.isEmpty() ? null : tag.get(0)).orElse(null);
        if (handshake == null) {
            LOG.warn("WebSocket opened without a captured handshake; closing it");
            close(session, CloseReason.CloseCodes.UNEXPECTED_CONDITION, CloseReasons.INTERNAL);
            return;
        }
        if (core.stopping) { // a client reconnecting while the emulator stops
            close(session, CloseReason.CloseCodes.GOING_AWAY, CloseReasons.SHUTTING_DOWN);
            return;
        }
        session.setMaxTextMessageBufferSize(LoopbackServer.transportLimit(core.settings.maxMessageBytes()));
        session.setMaxBinaryMessageBufferSize(LoopbackServer.transportLimit(core.settings.maxMessageBytes()));
        session.setMaxIdleTimeout(0);
        LiveConnection connection = new LiveConnection(core, handshake, path, session);
        session.getUserProperties().put(CONNECTION, connection);
        core.register(connection.view());
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            // a char is at least one UTF-8 byte: only count bytes when the length says it may be too big
            if (text.length() > core.settings.maxMessageBytes() / 4
                    && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > core.settings.maxMessageBytes()) {
                connection.tooBig();
            } else {
                connection.frame(text, false);
            }
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> {
            if (bytes.remaining() > core.settings.maxMessageBytes()) {
                connection.tooBig();
            } else {
                connection.frame(LiveCodec.utf8(bytes), true);
            }
        });
        connection.opened();
    }

    private static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            session.close(new CloseReason(code, reason));
        } catch (java.io.IOException e) {
            LOG.debug("close failed: {}", e.toString());
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        Object c = session.getUserProperties().get(CONNECTION);
        if (c instanceof LiveConnection connection) {
            connection.closedByPeer(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("WebSocket error on an emulator session: {}", Redactor.redact(String.valueOf(error)));
    }
}
