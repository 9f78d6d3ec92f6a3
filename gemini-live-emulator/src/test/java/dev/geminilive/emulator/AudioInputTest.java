package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.ServerMessage;

class AudioInputTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    private static String setup(String extra) {
        return "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}"
                + (extra.isEmpty() ? "" : "," + extra) + "}}";
    }

    @Test
    void speechThenSilenceEndsTheUserTurnAndTheModelAnswersWithAnInputTranscription() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("\"inputAudioTranscription\":{}"))) {
            c.send(Audio.speech(1500));
            c.send(Audio.silence(600));
            List<ServerMessage> turn = c.awaitTurns(1);
            assertTrue(turn.stream().anyMatch(m -> m.serverContent() != null && m.serverContent().inputTranscription() != null
                    && m.serverContent().inputTranscription().text().equals("[audio 1.5 s]")), turn.toString());
            assertEquals("I heard 1.5 seconds of audio.", Wire.text(turn));
        }
    }

    @Test
    void silenceShorterThanSilenceDurationMsDoesNotEndTheTurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"silenceDurationMs\":800}}"))) {
            c.send(Audio.speech(500));
            c.send(Audio.silence(600));   // under 800 ms: still the same turn
            c.send(Audio.speech(500));
            c.send(Audio.silence(900));
            assertEquals("I heard 1.6 seconds of audio.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void quietAudioBelowTheThresholdIsNotSpeech() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(""))) {
            c.send(Audio.chunk(dev.geminilive.emulator.audio.Pcm16.tone(16000, 440, 1000, 300), 16000));
            c.send(Audio.silence(600));
            c.send(Wire.realtimeText("ping"));
            assertEquals("You said: ping", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void audioStreamEndFlushesSpeechInProgress() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(""))) {
            c.send(Audio.speech(700));
            c.send("{\"realtimeInput\":{\"audioStreamEnd\":true}}");
            assertEquals("I heard 0.7 seconds of audio.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void manualActivityStartAndEndMarkTheTurnWhenDetectionIsDisabled() throws Exception {
        String manual = "\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"disabled\":true}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(manual))) {
            c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
            c.send(Audio.silence(2000)); // quiet or not, manual mode takes all audio between the markers
            c.send("{\"realtimeInput\":{\"activityEnd\":{}}}");
            assertEquals("I heard 2.0 seconds of audio.", Wire.text(c.awaitTurns(1)));
        }
    }

    @Test
    void activityStartWithoutDisabledDetectionClosesWith1007() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(""))) {
            c.send("{\"realtimeInput\":{\"activityStart\":{}}}");
            assertEquals(1007, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void videoFramesAreCountedAndRemembered() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(""))) {
            String frame = "{\"realtimeInput\":{\"video\":{\"mimeType\":\"image/png\",\"data\":\""
                    + Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G'}) + "\"}}}";
            c.send(frame);
            c.send(frame);
            c.send(Wire.realtimeText("What do you see?"));
            List<ServerMessage> turn = c.awaitTurns(1);
            assertEquals("I see 2 images (image/png).", Wire.text(turn));
            assertTrue(turn.get(turn.size() - 1).usageMetadata().promptTokensDetails().stream()
                    .anyMatch(d -> d.modality() == dev.geminilive.protocol.Modality.IMAGE));
        }
    }

    @Test
    void audioAtOtherSampleRatesIsMeasuredByItsOwnRate() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup(""))) {
            c.send(Audio.chunk(dev.geminilive.emulator.audio.Pcm16.tone(48000, 300, 1000, 8000), 48000));
            c.send(Audio.chunk(dev.geminilive.emulator.audio.Pcm16.silence(48000, 600), 48000));
            assertEquals("I heard 1.0 seconds of audio.", Wire.text(c.awaitTurns(1)));
            assertFalse(c.frames().isEmpty());
        }
    }

    @Test
    void speechShorterThanPrefixPaddingIsNotATurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("\"realtimeInputConfig\":{\"automaticActivityDetection\":{\"prefixPaddingMs\":300}}"))) {
            c.send(Audio.speech(200));
            c.send(Audio.silence(600));
            c.send(Audio.speech(400));
            c.send(Audio.silence(600));
            assertEquals("I heard 0.4 seconds of audio.", Wire.text(c.awaitTurns(1)));
        }
    }
}
