package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.geminilive.protocol.Setup;
import org.junit.jupiter.api.Test;

/** Connects run on a bounded pool, and the connect timeout holds for attempts that wait in its queue. */
class ConnectLimitTest {

    @Test
    void manyConnectsToAServerThatNeverAnswersAllFailWithinTheirTimeoutOnABoundedPool() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket();
                LiveClient client = LiveClient.builder().connectTimeout(Duration.ofMillis(600)).maxConcurrentConnects(2).build()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept()); // takes the connection, never answers the handshake
                    }
                } catch (Exception e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LiveEndpoint endpoint = LiveEndpoint.geminiApi("ws://127.0.0.1:" + server.getLocalPort(), null, "k");
            java.util.Set<Thread> before = connectThreads();
            long start = System.nanoTime();
            List<CompletableFuture<LiveSession>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(client.connect(endpoint, Setup.builder("models/m").build(), new LiveClientTest.RecordingListener()));
            }
            int peak = 0;
            while (!attempts.stream().allMatch(CompletableFuture::isDone) && System.nanoTime() - start < 5_000_000_000L) {
                java.util.Set<Thread> now = connectThreads();
                now.removeAll(before);
                peak = Math.max(peak, now.size());
                Thread.sleep(10);
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            for (CompletableFuture<LiveSession> a : attempts) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> a.get(0, TimeUnit.SECONDS));
                assertTrue(e.getCause().getMessage().startsWith("Cannot connect to Gemini Live at ws://127.0.0.1:"), e.getCause().getMessage());
            }
            // 8 attempts, 2 at a time, 600 ms each would take 2.4 s if the queue's wait were not counted
            assertTrue(tookMs < 1800, "every attempt failed within its own timeout: " + tookMs + " ms");
            assertTrue(peak <= 2, "connect threads: " + peak);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    private static java.util.Set<Thread> connectThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("gemini-live-connect"))
                .collect(java.util.stream.Collectors.toSet());
    }
}
