package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerMessage;

class RecordingTest {

    @Test
    void everyFrameIsRecordedInOrderWithDirectionTimeJsonAndDecodedMessage() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient c = Wire.open(e, "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-latest\"}}")) {
            c.send(Wire.realtimeText("count my bytes"));
            List<ServerMessage> turn = c.awaitTurns(1);
            EmulatorSession s = e.lastSession().orElseThrow();
            s.awaitFrame(f -> f.isOut() && f.server() != null && f.server().serverContent() != null
                    && f.server().serverContent().isTurnComplete(), Duration.ofSeconds(5));
            List<RecordedFrame> frames = e.frames(s.id());
            assertEquals(RecordedFrame.Direction.IN, frames.get(0).direction());
            assertEquals(ClientMessage.Kind.SETUP, frames.get(0).client().kind());
            assertNotNull(frames.get(1).server().setupComplete());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(i, frames.get(i).seq());
                if (i > 0) {
                    assertTrue(!frames.get(i).time().isBefore(frames.get(i - 1).time()));
                }
            }
            List<ServerMessage> sent = s.frames().sentMessages();
            assertEquals(turn, sent.subList(0, turn.size()), "what the client got is what was recorded, in order");
            int pcmBytes = sent.stream().filter(m -> m.serverContent() != null && m.serverContent().modelTurn() != null)
                    .flatMap(m -> m.serverContent().modelTurn().parts().stream()).map(Part::inlineData).mapToInt(b -> b.data().length).sum();
            assertEquals("You said: count my bytes".length() * dev.geminilive.emulator.audio.SpeechSynthesizer.BYTES_PER_CHAR, pcmBytes);
            assertTrue(s.frames().sent().stream().allMatch(RecordedFrame::binary));
            assertEquals(2, s.frames().receivedMessages().size());
        }
    }

    @Test
    void recordingCanBeTurnedOffForLoadTests() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().recording(false).start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("hello"));
            c.awaitTurns(1);
            assertTrue(e.lastSession().orElseThrow().allFrames().isEmpty());
        }
    }

    @Test
    void onlyTheNewestClosedSessionsAreKept() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().maxRecordedSessions(2).start()) {
            for (int i = 1; i <= 3; i++) {
                try (RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
                    assertTrue(c.isOpen());
                }
                e.awaitSession(Math.min(i, 2), Duration.ofSeconds(5)).awaitClose(Duration.ofSeconds(5));
                e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            }
            assertEquals(List.of("s2", "s3"), e.sessions().stream().map(EmulatorSession::id).toList());
            e.clearSessions();
            assertTrue(e.sessions().isEmpty());
        }
    }
}
