package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The realtime audio of one resumable session, counted and kept across all its connections. */
class AudioAccountingTest {

    /** @return 100 ms of 16 kHz PCM, quiet enough never to count as speech, with samples that identify the chunk */
    static byte[] chunk(int n) {
        byte[] pcm = new byte[3200];
        for (int i = 0; i < pcm.length; i += 2) {
            int sample = n * 3 + (i / 2) % 3;
            pcm[i] = (byte) sample;
            pcm[i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }

    private static void awaitBytes(GeminiLiveEmulator e, String conversationId, long bytes) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (e.receivedAudioBytes(conversationId) < bytes) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("received " + e.receivedAudioBytes(conversationId) + " of " + bytes + " bytes");
            }
            Thread.sleep(5);
        }
    }

    private static String resumeSetup(String handle) {
        return ResumptionTest.setup("{\"handle\":\"" + handle + "\"}");
    }

    @Test
    void audioOfOneSessionIsCountedAndConcatenatedInArrivalOrderAcrossAResumedConnection() throws Exception {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start()) {
            String handle;
            String conversation;
            try (RawLiveClient first = Wire.open(e, ResumptionTest.setup("{}"))) {
                handle = ResumptionTest.handleFrom(first, 0);
                conversation = e.lastSession().orElseThrow().conversationId();
                for (int n = 1; n <= 3; n++) {
                    first.send(Audio.chunk(chunk(n), 16000));
                    sent.write(chunk(n));
                }
                awaitBytes(e, conversation, 3 * 3200);
            }
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            try (RawLiveClient second = Wire.open(e, resumeSetup(handle))) {
                for (int n = 4; n <= 5; n++) {
                    second.send(Audio.chunk(chunk(n), 16000));
                    sent.write(chunk(n));
                }
                awaitBytes(e, conversation, 5 * 3200);
            }

            assertEquals(5 * 3200L, e.receivedAudioBytes(conversation));
            assertArrayEquals(sent.toByteArray(), e.receivedAudio(conversation));
            List<ReceivedAudio> chunks = e.receivedAudioChunks(conversation);
            assertEquals(List.of("s1", "s1", "s1", "s2", "s2"), chunks.stream().map(ReceivedAudio::sessionId).toList());
            assertEquals(List.of(1L, 2L, 3L, 1L, 2L), chunks.stream().map(ReceivedAudio::clientMessageIndex).toList());
            assertEquals(16000, chunks.get(0).sampleRate());
            List<EmulatorSession> connections = e.conversationSessions(conversation);
            assertEquals(List.of("s1", "s2"), connections.stream().map(EmulatorSession::id).toList());
            assertEquals(List.of(3 * 3200L, 2 * 3200L), connections.stream().map(EmulatorSession::receivedAudioBytes).toList());
        }
    }

    @Test
    void aChunkSentAgainAfterAHandoverShowsUpTwiceWithBothConnections() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start()) {
            String handle;
            String conversation;
            try (RawLiveClient first = Wire.open(e, ResumptionTest.setup("{}"))) {
                handle = ResumptionTest.handleFrom(first, 0);
                conversation = e.lastSession().orElseThrow().conversationId();
                first.send(Audio.chunk(chunk(1), 16000));
                first.send(Audio.chunk(chunk(2), 16000));
                awaitBytes(e, conversation, 2 * 3200);
            }
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            try (RawLiveClient second = Wire.open(e, resumeSetup(handle))) {
                second.send(Audio.chunk(chunk(2), 16000)); // replayed: the client was not sure it had arrived
                second.send(Audio.chunk(chunk(3), 16000));
                awaitBytes(e, conversation, 4 * 3200);
            }
            List<ReceivedAudio> chunks = e.receivedAudioChunks(conversation);
            assertEquals(4, chunks.size());
            assertArrayEquals(chunks.get(1).data(), chunks.get(2).data());
            assertEquals(List.of("s1", "s2"), List.of(chunks.get(1).sessionId(), chunks.get(2).sessionId()));
            assertEquals(4 * 3200, e.receivedAudio(conversation).length);
        }
    }

    @Test
    void audioIsCountedForEachSessionSeparately() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient a = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL));
                RawLiveClient b = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            a.send(Audio.chunk(chunk(1), 16000));
            b.send(Audio.chunk(chunk(2), 16000));
            b.send(Audio.chunk(chunk(3), 16000));
            awaitBytes(e, "s1", 3200);
            awaitBytes(e, "s2", 2 * 3200);
            assertArrayEquals(chunk(1), e.receivedAudio("s1"));
            assertEquals(2 * 3200L, e.receivedAudioBytes("s2"));
            assertEquals(0L, e.receivedAudioBytes("s99"));
            assertEquals(0, e.receivedAudio("s99").length);
            assertEquals(List.of(), e.conversationSessions("s99"));
        }
    }

    @Test
    void withRecordingOffTheAudioIsCountedButNotKept() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().recording(false).start();
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            c.send(Audio.chunk(chunk(1), 16000));
            c.send(Audio.chunk(chunk(2), 24000));
            awaitBytes(e, "s1", 2 * 3200);
            assertEquals(2 * 3200L, e.lastSession().orElseThrow().receivedAudioBytes());
            assertThrows(IllegalStateException.class, () -> e.receivedAudio("s1"));
        }
    }
}
