package dev.geminilive.emulator;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ServerMessage;

/** A bare Tyrus client for tests: sends frames as they are, collects server frames and the close code. */
final class RawLiveClient implements AutoCloseable {

    /** One frame from the server. */
    record Frame(String text, boolean binary) {
        ServerMessage message() {
            return LiveCodec.lenient().decodeServer(text);
        }
    }

    private final List<Frame> frames = new ArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private Session session;
    /** Held for the connection's life: an unreachable ClientManager shuts its executors down under the session. */
    private ClientManager manager;

    static RawLiveClient connect(String url, Map<String, String> headers) throws Exception {
        return connect(url, headers, null);
    }

    static RawLiveClient connect(String url, Map<String, String> headers, SSLContext ssl) throws Exception {
        RawLiveClient c = new RawLiveClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().configurator(new ClientEndpointConfig.Configurator() {
            @Override
            public void beforeRequest(Map<String, List<String>> h) {
                headers.forEach((k, v) -> h.put(k, List.of(v)));
            }

            @Override
            public void afterResponse(HandshakeResponse hr) {
            }
        }).build();
        ClientManager client = ClientManager.createClient();
        c.manager = client;
        if (ssl != null) {
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, new SslEngineConfigurator(ssl));
        }
        c.session = client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig ec) {
                s.setMaxBinaryMessageBufferSize(64 * 1024 * 1024);
                s.setMaxTextMessageBufferSize(64 * 1024 * 1024);
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) t -> c.add(new Frame(t, false)));
                s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> c.add(new Frame(LiveCodec.utf8(b), true)));
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                c.closed.complete(reason);
            }
        }, config, URI.create(url));
        return c;
    }

    private synchronized void add(Frame f) {
        frames.add(f);
        notifyAll();
    }

    void send(String json) throws Exception {
        try {
            session.getBasicRemote().sendText(json);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the frame went out; the server closed at once and Tyrus' client shut the executor that re-arms its idle timer
        }
    }

    void send(ClientMessage message) throws Exception {
        send(LiveCodec.strict().encode(message));
    }

    void sendBinary(String json) throws Exception {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // as in send(String)
        }
    }

    synchronized List<Frame> frames() {
        return List.copyOf(frames);
    }

    List<ServerMessage> messages() {
        return frames().stream().map(Frame::message).toList();
    }

    /** Waits for a frame whose message matches and returns its index. */
    synchronized int awaitIndex(Predicate<ServerMessage> match, Duration timeout) throws Exception {
        return awaitIndex(match, timeout, 0);
    }

    /** Waits for a frame at or after index {@code start} whose message matches and returns its index. */
    synchronized int awaitIndex(Predicate<ServerMessage> match, Duration timeout, int start) throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        int from = start;
        while (true) {
            for (int i = from; i < frames.size(); i++) {
                if (match.test(frames.get(i).message())) {
                    return i;
                }
            }
            from = frames.size();
            long left = deadline - System.currentTimeMillis();
            if (left <= 0 || closed.isDone() && from == frames.size()) {
                throw new TimeoutException("No matching frame; got " + frames.stream().map(Frame::text).toList()
                        + (closed.isDone() ? " then close " + closed.getNow(null) : ""));
            }
            wait(Math.min(left, 50));
        }
    }

    /** Waits for a raw frame, whatever it holds (also frames that are not JSON). */
    synchronized Frame awaitRaw(Predicate<Frame> match) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            for (Frame f : frames) {
                if (match.test(f)) {
                    return f;
                }
            }
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new TimeoutException("No matching raw frame; got " + frames);
            }
            wait(Math.min(left, 50));
        }
    }

    ServerMessage await(Predicate<ServerMessage> match) throws Exception {
        int idx = awaitIndex(match, Duration.ofSeconds(5));
        return frames().get(idx).message();
    }

    /** Waits for the n-th turnComplete (from 1) and returns all messages up to it. */
    List<ServerMessage> awaitTurns(int n) throws Exception {
        int[] count = {0};
        int idx = awaitIndex(m -> m.serverContent() != null && m.serverContent().isTurnComplete() && ++count[0] >= n,
                Duration.ofSeconds(5));
        return messages().subList(0, idx + 1);
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(5, TimeUnit.SECONDS);
    }

    boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void close() throws Exception {
        if (session.isOpen()) {
            session.close();
        }
        manager.shutdown();
    }
}
