package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Setup;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveClientTest {

    private static final String SETUP_COMPLETE = "{\"setupComplete\":{}}";

    private final LiveClient client = LiveClient.builder().setupTimeout(Duration.ofSeconds(2)).build();
    private final RecordingListener listener = new RecordingListener();
    private TestServer server;

    @AfterEach
    void stop() {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void setupIsSentFirstAndConnectCompletesOnSetupComplete() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, SETUP_COMPLETE);
            }
        });
        LiveSession session = connect();
        assertTrue(session.isOpen());
        assertEquals("{\"setup\":{\"model\":\"models/gemini-live-test\"}}", server.take());
        assertEquals(1, session.messagesWritten());
    }

    @Test
    void apiKeyTravelsInTheHeaderNeverInTheUrl() throws Exception {
        server = new TestServer((s, text) -> TestServer.sendBinary(s, SETUP_COMPLETE));
        connect();
        assertEquals(List.of("the-key"), server.handshakeHeaders.get(0).get("x-goog-api-key"));
        assertFalse(server.requestUris.get(0).contains("the-key"));
    }

    @Test
    void serverMessagesArriveInOrderFromTextAndBinaryFrames() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, SETUP_COMPLETE);
            } else {
                TestServer.sendBinary(s, "{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"a\"}]}}}");
                TestServer.sendText(s, "{\n  \"serverContent\": {\n    \"modelTurn\": {\"parts\": [{\"text\": \"b\"}]}\n  }\n}");
                TestServer.sendBinary(s, "{\"serverContent\":{\"turnComplete\":true},\"usageMetadata\":{\"totalTokenCount\":3}}");
            }
        });
        LiveSession session = connect();
        session.send(ClientMessage.userTurn("hi")).get(5, TimeUnit.SECONDS);
        assertEquals("a", listener.next().serverContent().modelTurn().text());
        assertEquals("b", listener.next().serverContent().modelTurn().text());
        ServerMessage last = listener.next();
        assertTrue(last.serverContent().isTurnComplete());
        assertEquals(3, last.usageMetadata().totalTokenCount());
    }

    @Test
    void concurrentSendersNeverInterleaveOrReorderTheirOwnMessages() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, SETUP_COMPLETE);
            }
        });
        LiveSession session = connect();
        server.take();
        int threads = 4;
        int perThread = 200;
        List<Thread> senders = new ArrayList<>();
        List<CompletableFuture<Void>> writes = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    writes.add(session.send(ClientMessage.realtimeText(id + ":" + i + ":" + "x".repeat(i % 50))));
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread t : senders) {
            t.join();
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            String text = LiveCodec.strict().decodeClient(server.take()).realtimeInput().text();
            String[] parts = text.split(":");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++, Integer.parseInt(parts[1]), "order of sender " + id);
        }
        assertEquals(1 + threads * perThread, session.messagesWritten());
    }

    @Test
    void closeDuringSetupFailsConnectWithTheServersCodeAndReason() throws Exception {
        server = new TestServer((s, text) -> close(s, 1008, "models/nope is not found for API version v1beta"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> client
                .connect(LiveEndpoint.geminiApi(server.baseUrl(), null, "k"), Setup.builder("models/nope").build(), listener)
                .get(5, TimeUnit.SECONDS));
        LiveClientException cause = assertInstanceOf(LiveClientException.class, e.getCause());
        assertEquals(1008, cause.close().code());
        assertTrue(cause.getMessage().contains("models/nope is not found"), cause.getMessage());
        assertTrue(cause.close().isFatal());
    }

    @Test
    void aFirstServerMessageOtherThanSetupCompleteFailsConnect() throws Exception {
        server = new TestServer((s, text) -> TestServer.sendBinary(s, "{\"serverContent\":{\"turnComplete\":true}}"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> connectFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("SERVER_CONTENT instead of setupComplete"), e.getCause().getMessage());
    }

    @Test
    void noSetupCompleteWithinTheTimeoutFailsConnect() throws Exception {
        server = new TestServer((s, text) -> { });
        ExecutionException e = assertThrows(ExecutionException.class, () -> connectFuture().get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("No setupComplete from Gemini Live within PT2S"), e.getCause().getMessage());
    }

    @Test
    void aRefusedHandshakeReportsTheHttpStatus() throws Exception {
        server = new TestServer((s, text) -> { });
        LiveEndpoint wrongPath = new LiveEndpoint(java.net.URI.create(server.baseUrl() + "/ws/nothing-here"),
                java.util.Map.of("x-goog-api-key", "k"));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.connect(wrongPath, Setup.builder("models/m").build(), listener).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("HTTP 404"), e.getCause().getMessage());
    }

    @Test
    void aCloseAfterSetupIsNeverSilent() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, SETUP_COMPLETE);
            } else {
                close(s, 1011, "Internal error occurred.");
            }
        });
        LiveSession session = connect();
        session.send(ClientMessage.realtimeText("boom"));
        CloseInfo info = listener.closes.poll(5, TimeUnit.SECONDS);
        assertEquals(new CloseInfo(1011, "Internal error occurred.", true), info);
        assertFalse(session.isOpen());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> session.send(ClientMessage.realtimeText("after")).get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("closed"), e.getCause().getMessage());
    }

    @Test
    void aLocalCloseIsReportedAsLocal() throws Exception {
        server = new TestServer((s, text) -> TestServer.sendBinary(s, SETUP_COMPLETE));
        LiveSession session = connect();
        session.close();
        CloseInfo info = listener.closes.poll(5, TimeUnit.SECONDS);
        assertEquals(1000, info.code());
        assertFalse(info.remote());
        assertEquals(info, session.closed().get(1, TimeUnit.SECONDS));
    }

    @Test
    void anUnreadableFrameIsReportedAsAnErrorAndTheSessionGoesOn() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, SETUP_COMPLETE);
            } else {
                TestServer.sendBinary(s, "{not json");
                TestServer.sendBinary(s, "{\"goAway\":{\"timeLeft\":\"50s\"}}");
            }
        });
        LiveSession session = connect();
        session.send(ClientMessage.realtimeText("x"));
        Throwable error = listener.errors.poll(5, TimeUnit.SECONDS);
        assertTrue(error.getMessage().startsWith("Unreadable frame from Gemini Live"), error.getMessage());
        assertEquals(Duration.ofSeconds(50), listener.next().goAway().timeLeft());
        assertTrue(session.isOpen());
    }

    private LiveSession connect() throws Exception {
        return connectFuture().get(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<LiveSession> connectFuture() {
        return client.connect(LiveEndpoint.geminiApi(server.baseUrl(), null, "the-key"),
                Setup.builder("models/gemini-live-test").build(), listener);
    }

    private static void close(Session s, int code, String reason) {
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class RecordingListener implements LiveListener {
        final BlockingQueue<ServerMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseInfo> closes = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(ServerMessage message) {
            messages.add(message);
        }

        @Override
        public void onClose(CloseInfo close) {
            closes.add(close);
        }

        @Override
        public void onError(Throwable error) {
            errors.add(error);
        }

        ServerMessage next() throws InterruptedException {
            ServerMessage m = messages.poll(5, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no server message within 5 s");
            }
            return m;
        }
    }
}
