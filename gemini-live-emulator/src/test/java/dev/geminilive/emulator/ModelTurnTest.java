package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.emulator.audio.SpeechSynthesizer;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerMessage;

class ModelTurnTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    @Test
    void textTurnStreamsSeveralChunksThenGenerationCompleteThenTurnCompleteWithUsage() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.userTurn("hello there, emulator"));
            List<ServerMessage> turn = c.awaitTurns(1);
            List<ServerMessage> content = turn.subList(1, turn.size());
            long chunks = content.stream().filter(m -> m.serverContent().modelTurn() != null).count();
            assertTrue(chunks >= 2, "several chunks: " + chunks);
            assertEquals("You said: hello there, emulator", Wire.text(turn));
            ServerMessage gen = content.get(content.size() - 2);
            ServerMessage done = content.get(content.size() - 1);
            assertTrue(gen.serverContent().isGenerationComplete());
            assertTrue(done.serverContent().isTurnComplete());
            assertNotNull(done.usageMetadata());
            assertEquals(done.usageMetadata().promptTokenCount() + done.usageMetadata().responseTokenCount(),
                    done.usageMetadata().totalTokenCount());
            assertEquals(Modality.TEXT, done.usageMetadata().responseTokensDetails().get(0).modality());
            assertTrue(done.usageMetadata().promptTokensDetails().get(0).tokenCount() > 0);
        }
    }

    @Test
    void audioTurnStreams24kPcmProportionalToTheTextWithOutputTranscription() throws Exception {
        String setup = "{\"setup\":{\"model\":\"models/gemini-2.5-flash-native-audio-latest\",\"outputAudioTranscription\":{}}}";
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup)) {
            c.send(Wire.realtimeText("speak to me"));
            List<ServerMessage> turn = c.awaitTurns(1);
            String transcript = Wire.transcript(turn);
            assertEquals("You said: speak to me", transcript);
            int bytes = 0;
            for (ServerMessage m : turn) {
                if (m.serverContent() != null && m.serverContent().modelTurn() != null) {
                    for (Part p : m.serverContent().modelTurn().parts()) {
                        assertEquals("audio/pcm;rate=24000", p.inlineData().mimeType());
                        bytes += p.inlineData().data().length;
                    }
                }
            }
            assertEquals(transcript.length() * SpeechSynthesizer.BYTES_PER_CHAR, bytes);
            ServerMessage done = turn.get(turn.size() - 1);
            assertEquals(Modality.AUDIO, done.usageMetadata().responseTokensDetails().get(0).modality());
            assertTrue(turn.get(turn.size() - 2).serverContent().isGenerationComplete());
        }
    }

    @Test
    void modelRecallsTheUsersNameFromAnEarlierTurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.userTurn("Hi, my name is Grace Hopper."));
            assertEquals("Nice to meet you, Grace Hopper.", Wire.text(c.awaitTurns(1)));
            int before = c.frames().size();
            c.send(Wire.realtimeText("What is my name?"));
            List<ServerMessage> all = c.awaitTurns(2);
            assertEquals("Your name is Grace Hopper.", Wire.text(all.subList(before, all.size())));
        }
    }

    @Test
    void modelRepeatsWhatTheUserSaidEarlierAndWhatItWasAskedToRemember() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("remember the code 4711"));
            c.awaitTurns(1);
            c.send(Wire.realtimeText("the sky is green"));
            c.awaitTurns(2);
            int before = c.frames().size();
            c.send(Wire.realtimeText("what did I just say?"));
            List<ServerMessage> all = c.awaitTurns(3);
            assertEquals("Earlier you said: \"the sky is green\"", Wire.text(all.subList(before, all.size())));
            before = c.frames().size();
            c.send(Wire.realtimeText("What did I ask you to remember?"));
            all = c.awaitTurns(4);
            assertEquals("You asked me to remember: the code 4711.", Wire.text(all.subList(before, all.size())));
        }
    }

    @Test
    void unsetModalityDefaultsToAudio() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("hi"));
            assertTrue(c.awaitTurns(1).stream().anyMatch(m -> m.serverContent() != null && m.serverContent().modelTurn() != null
                    && m.serverContent().modelTurn().parts().get(0).inlineData() != null));
        }
    }
}
