package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.ReceivedAudio;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A hundred goAway handovers during continuous real-time 16 kHz audio lose no frame. Every chunk carries its sequence
 * number; the emulator keeps every chunk it received, across all connections of the session.
 */
class AudioHandoverTest extends EmulatorTestSupport {

    static final int CHUNK_MILLIS = 40;
    static final int CHUNK_BYTES = 16000 * 2 * CHUNK_MILLIS / 1000;
    static final int HANDOVERS = 100;

    final AtomicInteger reconnected = new AtomicInteger();

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().rejectResumeWhileConnected(false);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // Vertex AI paths resume transparently: the server reports the index of the last message it consumed
                String uri = "gemini-live:voice?baseUrl=" + emulator.url() + "&backend=vertex&project=my-project"
                             + "&bearerToken=ya29.token&model=gemini-live-2.5-flash&responseModalities=AUDIO"
                             + "&audioChunkMillis=" + CHUNK_MILLIS + "&replyMode=none";
                from("direct:audio").setHeader(GeminiLiveConstants.MIME_TYPE, constant("audio/pcm;rate=16000")).to(uri);
                from(uri + "&events=reconnected").process(e -> reconnected.incrementAndGet());
            }
        };
    }

    /** A quiet chunk (no speech for the activity detector) whose first two samples carry its number. */
    static byte[] chunk(int seq) {
        ByteBuffer b = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (seq & 0x3ff));
        b.putShort((short) (seq >>> 10));
        return b.array();
    }

    static int seqOf(byte[] data, int offset) {
        ByteBuffer b = ByteBuffer.wrap(data, offset, 4).order(ByteOrder.LITTLE_ENDIAN);
        return b.getShort() | (b.getShort() << 10);
    }

    @Test
    void aHundredHandoversDuringRealTimeAudioLoseNoFrame() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService mic = Executors.newSingleThreadScheduledExecutor();
        try {
            mic.scheduleAtFixedRate(() -> template.sendBody("direct:audio", chunk(sent.getAndIncrement())), 0, CHUNK_MILLIS,
                    TimeUnit.MILLISECONDS);
            await(() -> sent.get() > 5, Duration.ofSeconds(5), "audio flowing");
            for (int i = 0; i < HANDOVERS; i++) {
                int before = reconnected.get();
                EmulatorSession live = emulator.awaitSession(emulator.sessions().size(), Duration.ofSeconds(5));
                live.faults().goAway(Duration.ofSeconds(10));
                await(() -> reconnected.get() > before, Duration.ofSeconds(10), "handover " + (before + 1));
                Thread.sleep(CHUNK_MILLIS * 2); // some audio on each connection
            }
        } finally {
            mic.shutdown();
            assertTrue(mic.awaitTermination(5, TimeUnit.SECONDS));
        }
        int total = sent.get();
        String conversation = emulator.sessions().get(0).conversationId();
        long expectedBytes = (long) total * CHUNK_BYTES;
        await(() -> emulator.receivedAudioBytes(conversation) >= expectedBytes, Duration.ofSeconds(10), "every chunk received");

        TreeMap<Integer, Integer> seen = new TreeMap<>();
        java.util.Map<Integer, ReceivedAudio> firstSeen = new java.util.HashMap<>();
        List<ReceivedAudio> chunks = emulator.receivedAudioChunks(conversation);
        for (ReceivedAudio c : chunks) {
            assertEquals(0, c.length() % CHUNK_BYTES, "whole chunks only");
            for (int off = 0; off < c.length(); off += CHUNK_BYTES) {
                int seq = seqOf(c.data(), off);
                seen.merge(seq, 1, Integer::sum);
                firstSeen.putIfAbsent(seq, c);
            }
        }
        int missing = 0;
        int duplicates = 0;
        for (int seq = 0; seq < total; seq++) {
            int n = seen.getOrDefault(seq, 0);
            if (n == 0) {
                missing++;
            }
            if (n > 1) {
                duplicates += n - 1;
                // sent again only because the old connection's newest handle did not cover it
                ReceivedAudio first = firstSeen.get(seq);
                long covered = lastConsumedIndex(emulator.session(first.sessionId()).orElseThrow());
                assertTrue(first.clientMessageIndex() > covered, "chunk " + seq + " was sent again although the handle covered it");
            }
        }
        System.out.printf("audio handovers: %d handovers, %d chunks sent, %d missing, %d sent again, %d connections%n", HANDOVERS,
                total, missing, duplicates, emulator.conversationSessions(conversation).size());
        assertEquals(0, missing, "chunks lost");
        assertEquals(HANDOVERS + 1, emulator.conversationSessions(conversation).size(), "one connection per handover");
        // each handover resends only what was written after the server's last handle: on a quiet machine about one chunk
        // in eight handovers, more when the machine is loaded, never more than about one per handover
        assertTrue(duplicates <= HANDOVERS, duplicates + " chunks sent twice");
    }

    /** @return the lastConsumedClientMessageIndex of the newest resumable handle a connection gave */
    static long lastConsumedIndex(EmulatorSession session) {
        long index = -1;
        for (var f : session.allFrames()) {
            if (f.isOut() && f.server() != null && f.server().sessionResumptionUpdate() != null
                && f.server().sessionResumptionUpdate().isResumable()
                && f.server().sessionResumptionUpdate().lastConsumedClientMessageIndex() != null) {
                index = f.server().sessionResumptionUpdate().lastConsumedClientMessageIndex();
            }
        }
        return index;
    }
}
