package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Setup;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A frame that cannot be sent fails its own send at once, and never the ones after it. */
class SendFailureTest {

    private final LiveClient client = LiveClient.builder().setupTimeout(Duration.ofSeconds(10)).build();
    private final LiveClientTest.RecordingListener listener = new LiveClientTest.RecordingListener();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private TestServer server;

    @AfterEach
    void stop() {
        client.close();
        timer.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLoneSurrogateFailsTheSendAtOnceAndTheNextSendGoesThrough() throws Exception {
        server = new TestServer((s, text) -> {
            if (text.contains("\"setup\"")) {
                TestServer.sendBinary(s, "{\"setupComplete\":{}}");
            }
        });
        LiveSession session = client.connect(LiveEndpoint.geminiApi(server.baseUrl(), null, "k"),
                Setup.builder("models/gemini-live-test").build(), listener).get(5, TimeUnit.SECONDS);
        server.take();
        CompletableFuture<Void> bad = session.send(ClientMessage.realtimeText("x\uD800y"));
        assertTrue(bad.isCompletedExceptionally(), "fails before anything is queued");
        ExecutionException e = assertThrows(ExecutionException.class, bad::get);
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith("Cannot write REALTIME_INPUT message: a string in it is not valid UTF-16 "
                                                 + "(lone high surrogate at index "), cause.getMessage());
        session.send(ClientMessage.realtimeText("fine \uD83D\uDE00")).get(2, TimeUnit.SECONDS);
        assertEquals("fine \uD83D\uDE00", LiveCodec.strict().decodeClient(server.take()).realtimeInput().text());
        assertTrue(session.isOpen());
    }

    @Test
    void aSetupThatCannotBeWrittenFailsConnectAtOnceInsteadOfWaitingForTheSetupTimeout() throws Exception {
        server = new TestServer((s, text) -> TestServer.sendBinary(s, "{\"setupComplete\":{}}"));
        long start = System.nanoTime();
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(
                LiveEndpoint.geminiApi(server.baseUrl(), null, "k"),
                Setup.builder("models/gemini-live-test").systemInstruction(Content.instruction("be \uDC00 brief")).build(), listener)
                .get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("lone low surrogate"), e.getCause().getMessage());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void anErrorThrownByTheTransportFailsOnlyThatFrameAndTheWriterGoesOn() throws Exception {
        List<String> written = new CopyOnWriteArrayList<>();
        Error encoderError = new Error(new java.nio.charset.MalformedInputException(1));
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler handler) {
                        String text = (String) args[0];
                        if (text.startsWith("bad")) {
                            throw encoderError;
                        }
                        written.add(text);
                        handler.onResult(new SendResult());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        OrderedWriter writer = new OrderedWriter(remote, 1024, Duration.ofSeconds(5), timer, () -> { });

        CompletableFuture<Void> bad = writer.write("bad frame");
        ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(1, TimeUnit.SECONDS));
        assertSame(encoderError, e.getCause().getCause());
        writer.write("next").get(1, TimeUnit.SECONDS);
        writer.write("and the one after").get(1, TimeUnit.SECONDS);
        assertEquals(List.of("next", "and the one after"), written);
        assertEquals(0, writer.pendingBytes());
        assertEquals(2, writer.written());
    }

    @Test
    void aWriteTheTransportFailsIsReportedAsTheConnectionLostSoItsFrameGoesToTheNextConnection() throws Exception {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { RemoteEndpoint.Async.class }, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler handler) {
                        handler.onResult(new SendResult(new java.io.IOException("Connection is not open")));
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        java.util.concurrent.atomic.AtomicInteger broken = new java.util.concurrent.atomic.AtomicInteger();
        OrderedWriter writer = new OrderedWriter(remote, 1024, Duration.ofSeconds(5), timer, broken::incrementAndGet);

        CompletableFuture<Void> lost = writer.write("a frame");
        ExecutionException e = assertThrows(ExecutionException.class, () -> lost.get(1, TimeUnit.SECONDS));
        LiveClientException error = assertInstanceOf(LiveClientException.class, e.getCause());
        // a close code marks it lost with the connection: a conversation sends it again after reconnecting
        assertEquals(CloseInfo.ABNORMAL, error.close().code());
        assertTrue(error.close().reason().contains("Connection is not open"), error.close().reason());
        assertEquals(1, broken.get(), "the session is told its connection is useless");
    }
}
