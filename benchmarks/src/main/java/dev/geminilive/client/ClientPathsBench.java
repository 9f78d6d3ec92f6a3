package dev.geminilive.client;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.geminilive.audio.PcmChunker;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The client's per-frame and per-chunk paths that the codec benchmark does not cover: decoding a server frame given as
 * a text frame (String), the emulator's strict decoding of client frames, the ordered writer's cost per frame (with a
 * transport that completes every send at once, so only the writer's own work is measured), and cutting a stream of
 * PCM into chunks. Run with {@code java -cp benchmarks.jar:lib/* org.openjdk.jmh.Main ClientPathsBench -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClientPathsBench {

    private LiveCodec lenient;
    private LiveCodec strict;
    private String serverText;
    private String clientAudio;
    private String clientText;
    private String clientTextSnake;
    private byte[] pcmSecond;
    private PcmChunker chunker;
    private ScheduledExecutorService timer;
    private OrderedWriter writer;

    @Setup
    public void setUp() {
        lenient = LiveCodec.lenient();
        strict = LiveCodec.strict();
        serverText = lenient.encode(ServerMessage.of(ServerContent.ofModelTurn(Content.model("You said: What is "))));
        Random r = new Random(1);
        byte[] pcm = new byte[3200];
        r.nextBytes(pcm);
        clientAudio = lenient.encode(ClientMessage.audio("audio/pcm;rate=16000", pcm));
        clientText = lenient.encode(ClientMessage.realtimeText("What is the weather in Paris tomorrow?"));
        clientTextSnake = "{\"realtime_input\":{\"text\":\"What is the weather in Paris tomorrow?\"}}";
        pcmSecond = new byte[32000];
        r.nextBytes(pcmSecond);
        chunker = PcmChunker.pcm16Mono(16000, 100);
        timer = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread th = new Thread(t, "bench-timer");
            th.setDaemon(true);
            return th;
        });
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler h) {
                        h.onResult(new SendResult());
                    }
                    return null;
                });
        writer = new OrderedWriter(remote, 4L << 20, Duration.ofSeconds(30), timer, () -> { });
    }

    @TearDown
    public void tearDown() {
        timer.shutdownNow();
    }

    /** @return a server text piece decoded from a text frame */
    @Benchmark
    public ServerMessage decodeServerTextString() {
        return lenient.decodeServer(serverText);
    }

    /** @return a client audio frame decoded as the emulator does */
    @Benchmark
    public ClientMessage strictDecodeClientAudio() {
        return strict.decodeClient(clientAudio);
    }

    /** @return a client text frame decoded as the emulator does */
    @Benchmark
    public ClientMessage strictDecodeClientText() {
        return strict.decodeClient(clientText);
    }

    /** @return a snake_case client text frame decoded as the emulator does */
    @Benchmark
    public ClientMessage strictDecodeClientTextSnake() {
        return strict.decodeClient(clientTextSnake);
    }

    /** @return a text frame through the ordered writer */
    @Benchmark
    public CompletableFuture<Void> writeText() {
        return writer.write(clientText);
    }

    /** @return an audio frame through the ordered writer */
    @Benchmark
    public CompletableFuture<Void> writeAudio() {
        return writer.write(clientAudio);
    }

    /** @return the bytes of one second of 16 kHz PCM read from a stream in 100 ms chunks */
    @Benchmark
    public long chunkStream() {
        long n = 0;
        for (Iterator<byte[]> it = chunker.chunks(new ByteArrayInputStream(pcmSecond)); it.hasNext();) {
            n += it.next().length;
        }
        return n;
    }

    /** @return the chunks of one second of 16 kHz PCM (3201 bytes at the end: a partial last chunk) */
    @Benchmark
    public long chunkStreamForEach() throws Exception {
        long[] n = {0};
        chunker.forEachChunk(new ByteArrayInputStream(pcmSecond, 0, 30401), c -> n[0] += c.length);
        return n[0];
    }
}
