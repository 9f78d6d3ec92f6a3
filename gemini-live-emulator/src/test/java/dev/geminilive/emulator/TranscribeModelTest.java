package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.websocket.CloseReason;

import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Transcription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The 3.5 transcription model: speech in, interim and final transcriptions out, no model turn. */
class TranscribeModelTest {

    static final String MODEL = "models/gemini-3.5-transcribe-live-preview";

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    @Test
    void speechIsAnsweredWithTranscriptFragmentsTheLastFinishedThenTurnCompleteAndNoModelTurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(MODEL))) {
            c.send(Audio.speech(1000));
            c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
            List<ServerMessage> turn = c.awaitTurns(1);
            List<Transcription> fragments = turn.stream().filter(m -> m.serverContent() != null
                    && m.serverContent().inputTranscription() != null).map(m -> m.serverContent().inputTranscription()).toList();
            assertTrue(fragments.size() > 1, "interim fragments: " + fragments);
            assertEquals("[audio 1.0 s]", String.join("", fragments.stream().map(Transcription::text).toList()));
            assertEquals(Boolean.TRUE, fragments.get(fragments.size() - 1).finished(), "the last fragment is final");
            assertTrue(fragments.subList(0, fragments.size() - 1).stream().allMatch(f -> f.finished() == null));
            assertFalse(turn.stream().anyMatch(m -> m.serverContent() != null && m.serverContent().modelTurn() != null), "no answer");
        }
    }

    @Test
    void typedTextAndTheAudioModalityAreRefusedWith1007() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(MODEL))) {
            c.send(Wire.realtimeText("hello"));
            CloseReason r = c.awaitClose();
            assertEquals(1007, r.getCloseCode().getCode());
            assertEquals("Request contains an invalid argument. gemini-3.5-transcribe-live-preview only transcribes audio.", r.getReasonPhrase());
        }
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send("{\"setup\":{\"model\":\"" + MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"AUDIO\"]}}}");
            assertEquals(1007, c.awaitClose().getCloseCode().getCode());
        }
    }
}
