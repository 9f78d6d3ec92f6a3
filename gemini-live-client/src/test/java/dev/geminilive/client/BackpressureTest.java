package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Setup;
import org.junit.jupiter.api.Test;

/** A server that stops reading: the client's queue must stay bounded and senders must be told. */
class BackpressureTest {

    private static final long MAX_PENDING = 1024 * 1024;
    private static final int CHUNK = 256 * 1024;

    @Test
    void aSocketThatStopsReadingGivesBackpressureNotUnboundedMemory() throws Exception {
        try (ServerSocket server = new ServerSocket();
                LiveClient client = LiveClient.builder().maxPendingBytes(MAX_PENDING).writeTimeout(Duration.ofMillis(500)).build()) {
            server.setReceiveBufferSize(16 * 1024);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> handshakeThenStall(server));
            LiveClientTest.RecordingListener listener = new LiveClientTest.RecordingListener();
            LiveSession session = client.connect(LiveEndpoint.geminiApi("ws://127.0.0.1:" + server.getLocalPort(), null, "k"),
                    Setup.builder("models/m").build(), listener).get(5, TimeUnit.SECONDS);
            byte[] audio = new byte[CHUNK];
            Throwable refused = null;
            long maxSeen = 0;
            for (int i = 0; i < 400 && refused == null; i++) {
                CompletableFuture<Void> write = session.send(ClientMessage.audio("audio/pcm;rate=16000", audio));
                maxSeen = Math.max(maxSeen, session.pendingBytes());
                if (write.isCompletedExceptionally()) {
                    try {
                        write.get();
                    } catch (ExecutionException e) {
                        refused = e.getCause();
                    }
                }
            }
            assertNotNull(refused, "a sender must be told when the socket cannot keep up");
            assertTrue(refused.getMessage().startsWith("Write timed out") || refused.getMessage().startsWith("Write stalled"),
                    refused.getMessage());
            // base64 grows a chunk by 4/3; one frame may exceed the bound when the queue was empty
            assertTrue(maxSeen <= MAX_PENDING + CHUNK * 4 / 3 + 200, "queued bytes stayed bounded: " + maxSeen);
            // the transport has no write deadline of its own: a frame stuck in flight ends the session, which is reported
            CloseInfo closed = listener.closes.poll(5, TimeUnit.SECONDS);
            assertNotNull(closed, "a stalled connection is reported as closed");
            assertTrue(closed.code() == CloseInfo.ABNORMAL && closed.reason().startsWith("Write stalled"), closed.toString());
            assertTrue(session.send(ClientMessage.realtimeText("after")).isCompletedExceptionally());
            accepted.get(1, TimeUnit.SECONDS).close();
        }
    }

    /** Completes the WebSocket handshake, answers setupComplete, then never reads again. */
    private static Socket handshakeThenStall(ServerSocket server) {
        try {
            Socket s = server.accept();
            InputStream in = s.getInputStream();
            String request = readHeaders(in);
            String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElseThrow();
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "
                    + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] payload = "{\"setupComplete\":{}}".getBytes(StandardCharsets.UTF_8);
            out.write(0x82);
            out.write(payload.length);
            out.write(payload);
            out.flush();
            return s;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            buf.write(c);
            String s = buf.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        throw new IOException("connection closed during handshake");
    }
}
