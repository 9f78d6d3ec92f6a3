package dev.geminilive.examples.voice.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.geminilive.audio.MuLaw;
import dev.geminilive.audio.Pcm;
import dev.geminilive.audio.Resampler;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.ReceivedAudio;
import dev.geminilive.examples.voice.GeminiBackend;
import dev.geminilive.examples.voice.SpokenAudio;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A simulated phone call over real sockets on 127.0.0.1: a media-stream client speaks Twilio's protocol with μ-law
 * audio in real time to the gateway, which bridges it to the Gemini Live emulator.
 */
class PhoneCallTest {

    private static final String TOKEN = "a-shared-secret";

    private static GeminiLiveEmulator emulator;
    private static PhoneGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // answers stream at speaking pace, as from Google, so that talking over one interrupts it
        emulator = GeminiLiveEmulator.builder().chunkDelay(GeminiBackend.SPEAKING_PACE).start();
        gateway = PhoneGateway.start(GeminiBackend.of(emulator), "127.0.0.1", 0, StreamToken.of(TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        emulator.close();
    }

    @Test
    void callerIsHeardAnsweredInPaced20MsMuLawFramesAndCanBargeIn() throws Exception {
        byte[] words = MuLaw.encode(SpokenAudio.speak("Hello, I would like to book a table for two.", 8000));
        byte[] pause = MuLaw.encode(SpokenAudio.silence(900, 8000));
        try (MediaStreamClient call = MediaStreamClient.connect(gateway.url(), "MZ0001")) {
            call.start(TOKEN);
            call.speak(words);
            call.speak(pause);

            // the emulator heard 16 kHz PCM: as long as what the caller said, and speech where the caller spoke
            EmulatorSession session = emulator.awaitSession(1, Duration.ofSeconds(5));
            String conversation = session.conversationId();
            double sentSeconds = (words.length + pause.length) / 8000.0;
            awaitReceived(conversation, (long) (sentSeconds * 32000) - 400);
            List<ReceivedAudio> chunks = emulator.receivedAudioChunks(conversation);
            assertTrue(chunks.stream().allMatch(c -> c.sampleRate() == 16000), "all audio reached Gemini at 16 kHz");
            byte[] heard = emulator.receivedAudio(conversation);
            assertEquals(sentSeconds, heard.length / 32000.0, 0.05, "16 kHz audio for every 8 kHz frame");
            int speechBytes = words.length * 4;
            assertTrue(Pcm.dbfs(heard, 0, speechBytes) > -40, "the words arrive as speech: " + Pcm.dbfs(heard, 0, speechBytes));
            assertTrue(Pcm.dbfs(heard, heard.length - 16000, 16000) < -60, "the pause arrives as silence");

            // the answer: 160-byte frames, released at speaking pace, then a mark
            List<MediaStreamClient.Received> frames = new ArrayList<>();
            MediaStreamClient.Received mark = collectAnswer(call, frames, 10_000);
            assertNotNull(mark, "a mark follows the answer");
            assertEquals("MZ0001", mark.json().path("streamSid").asText());
            byte[] replyPcm24k = emulatorAudio(session);
            assertTrue(replyPcm24k.length > 0, "the emulator spoke");
            String said = emulatorTranscript(session);
            assertTrue(said.matches("I heard \\d+\\.\\d seconds of audio\\."), said);
            long samples8k = (replyPcm24k.length / 2 + 2) / 3;
            assertEquals((samples8k + 159) / 160, frames.size(), "all of the answer, as 20 ms frames");
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            for (MediaStreamClient.Received f : frames) {
                byte[] payload = f.payload();
                assertEquals(160, payload.length, "20 ms of 8 kHz u-law per media event");
                assertEquals("MZ0001", f.json().path("streamSid").asText());
                answer.writeBytes(payload);
            }
            byte[] expected = MuLaw.encode(Resampler.resample(replyPcm24k, 24000, 8000));
            byte[] got = answer.toByteArray();
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(java.util.Arrays.copyOf(got, expected.length)),
                    "what the caller hears is the model's speech, at 8 kHz");
            for (int i = expected.length; i < got.length; i++) {
                assertEquals(MuLaw.SILENCE, got[i], "the last frame is padded with silence");
            }
            double spanMillis = (frames.get(frames.size() - 1).nanos() - frames.get(0).nanos()) / 1e6;
            double playingMillis = frames.size() * 20.0;
            assertTrue(spanMillis > playingMillis - 20 * (FramePacer.LEAD_FRAMES + 3), "paced, not dumped: " + spanMillis + " ms for "
                    + frames.size() + " frames");
            // the emulator itself streams at speaking pace, so on a loaded machine the source is late too: a loose bound
            assertTrue(spanMillis < playingMillis * 1.5 + 500, "not much slower than speech: " + spanMillis + " ms for " + frames.size() + " frames");
            call.markPlayed(mark.json().path("mark").path("name").asText());

            // barge-in: the caller talks over the second answer; the gateway stops at once and clears the provider's buffer
            call.speak(words);
            call.speak(pause);
            MediaStreamClient.Received first = awaitEvent(call, "media", 10_000);
            assertNotNull(first, "the second answer starts");
            long bargeIn = System.nanoTime();
            call.speak(MuLaw.encode(SpokenAudio.speak("Wait, stop.", 8000)));
            MediaStreamClient.Received clear = awaitEvent(call, "clear", 5_000);
            assertNotNull(clear, "a barge-in sends clear");
            assertEquals("MZ0001", clear.json().path("streamSid").asText());
            double clearedAfter = (clear.nanos() - bargeIn) / 1e6;
            assertTrue(clearedAfter < 1500, "cleared while the caller was still talking: " + clearedAfter + " ms");
            assertTrue(emulator.frames(emulator.lastSession().orElseThrow().id()).stream()
                    .anyMatch(f -> f.isOut() && f.json().contains("\"interrupted\":true")), "Gemini was interrupted");
            call.stop();
        }
    }

    @Test
    void aStreamWithoutTheTokenIsRefusedBeforeGeminiIsUsed() throws Exception {
        int sessionsBefore = emulator.sessions().size();
        for (String wrong : new String[] {null, "guess"}) {
            try (MediaStreamClient call = MediaStreamClient.connect(gateway.url(), "MZ-intruder")) {
                call.start(wrong);
                jakarta.websocket.CloseReason reason = call.closed().get(5, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(1008, reason.getCloseCode().getCode(), reason.toString());
            }
        }
        assertEquals(sessionsBefore, emulator.sessions().size(), "no Live session was opened for them");
    }

    @Test
    void callerTalkingOverTheRestOfAFinishedAnswerClearsIt() throws Exception {
        // Gemini generates faster than it speaks: here the whole answer is sent long before the caller has heard it,
        // so Gemini has nothing to interrupt and the gateway must notice the caller itself
        try (GeminiLiveEmulator fast = GeminiLiveEmulator.builder().start();
                PhoneGateway fastGateway = PhoneGateway.start(GeminiBackend.of(fast), "127.0.0.1", 0);
                MediaStreamClient call = MediaStreamClient.connect(fastGateway.url(), "MZ0002")) {
            call.start();
            call.speak(MuLaw.encode(SpokenAudio.speak("Hello, is anybody there?", 8000)));
            call.speak(MuLaw.encode(SpokenAudio.silence(900, 8000)));
            assertNotNull(awaitEvent(call, "media", 10_000), "the answer starts");
            EmulatorSession session = fast.awaitSession(1, Duration.ofSeconds(5));
            session.awaitFrame(f -> f.isOut() && f.json().contains("\"turnComplete\":true"), Duration.ofSeconds(5));
            long bargeIn = System.nanoTime();
            call.speak(MuLaw.encode(SpokenAudio.speak("Stop, please.", 8000)));
            MediaStreamClient.Received clear = awaitEvent(call, "clear", 5_000);
            assertNotNull(clear, "the gateway clears the provider's buffer");
            double clearedAfter = (clear.nanos() - bargeIn) / 1e6;
            assertTrue(clearedAfter < 600, "within the first words: " + clearedAfter + " ms");
            assertTrue(session.frames().sent().stream().noneMatch(f -> f.json().contains("\"interrupted\":true")),
                    "Gemini had finished the answer: it was not what stopped it");
            call.stop();
        }
    }

    /** Waits until the emulator has consumed this much audio (a loaded machine may deliver it late), or 10 s. */
    private static void awaitReceived(String conversation, long bytes) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (emulator.receivedAudioBytes(conversation) < bytes && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    /** Collects media frames until the answer's mark. */
    private static MediaStreamClient.Received collectAnswer(MediaStreamClient call, List<MediaStreamClient.Received> frames, long timeoutMillis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            MediaStreamClient.Received r = call.next(end - System.currentTimeMillis());
            if (r == null) {
                return null;
            }
            switch (r.event()) {
                case "media" -> frames.add(r);
                case "mark" -> {
                    return r;
                }
                default -> throw new AssertionError("unexpected " + r.json());
            }
        }
        return null;
    }

    private static MediaStreamClient.Received awaitEvent(MediaStreamClient call, String event, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            MediaStreamClient.Received r = call.next(end - System.currentTimeMillis());
            if (r != null && r.event().equals(event)) {
                return r;
            }
        }
        return null;
    }

    /** @return the 24 kHz speech the emulator sent in its first answer */
    private static byte[] emulatorAudio(EmulatorSession session) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (ServerMessage m : session.frames().sentMessages()) {
            if (m.serverContent() != null && m.serverContent().modelTurn() != null) {
                for (Part p : m.serverContent().modelTurn().parts()) {
                    if (p.inlineData() != null) {
                        pcm.writeBytes(p.inlineData().data());
                    }
                }
            }
            if (m.serverContent() != null && Boolean.TRUE.equals(m.serverContent().turnComplete())) {
                break;
            }
        }
        return pcm.toByteArray();
    }

    private static String emulatorTranscript(EmulatorSession session) {
        StringBuilder text = new StringBuilder();
        for (ServerMessage m : session.frames().sentMessages()) {
            if (m.serverContent() != null && m.serverContent().outputTranscription() != null) {
                text.append(m.serverContent().outputTranscription().text());
            }
            if (m.serverContent() != null && Boolean.TRUE.equals(m.serverContent().turnComplete())) {
                break;
            }
        }
        return text.toString();
    }
}
