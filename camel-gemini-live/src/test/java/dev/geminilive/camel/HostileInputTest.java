package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.geminilive.audio.Pcm;
import dev.geminilive.audio.WavWriter;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.RealtimeInput;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input no frame can carry fails its exchange at once with a clear error, and the conversation goes on. */
class HostileInputTest extends EmulatorTestSupport {

    /** Far beyond what a failure that is reported at once takes. */
    private static final long AT_ONCE_MILLIS = 5000;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat3").to(uri("chat3", "model=" + MODEL_3 + "&turnTimeout=30000"));
                from("direct:voice").to(uri("voice", "model=" + MODEL_3 + "&turnTimeout=30000"));
                from("direct:voiceStream").to(uri("voice", "model=" + MODEL_3 + "&turnTimeout=30000&replyMode=none"));
                from("direct:manual").to(uri("manual", "model=" + MODEL_3 + "&automaticActivityDetection=false&turnTimeout=30000"));
                from("direct:chat25").to(uri("chat25", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT&turnTimeout=30000"));
            }
        };
    }

    @Test
    void aTextWithALoneSurrogateFailsAtOnceAndTheNextExchangeOfTheConversationGetsItsAnswer() {
        for (String route : new String[] { "direct:chat3", "direct:chat25" }) {
            assertEquals("Nice to meet you, Ada.", template.requestBody(route, "My name is Ada", String.class));

            Exchange failed = timed(route, "x\uD800y");
            assertEquals("Text body is not valid UTF-16: lone high surrogate at index 1", failed.getException().getMessage());

            assertEquals("Your name is Ada.", template.requestBody(route, "What is my name?", String.class), route);
        }
        assertEquals(2, emulator.sessions().size(), "one session per route, never replaced");
    }

    @Test
    void aLoneSurrogateInsideARawMessageFailsAtOnceAndTheSessionStaysUsable() {
        assertEquals("Nice to meet you, Ada.", template.requestBody("direct:chat3", "My name is Ada", String.class));

        Exchange failed = template.request("direct:chat3", e -> {
            e.getMessage().setBody(Map.of("realtimeInput", Map.of("text", "cut \uD83D")));
            e.getMessage().setHeader(GeminiLiveConstants.MESSAGE_TYPE, "raw");
        });
        assertTrue(failed.getException().getMessage().contains("not valid UTF-16 (lone high surrogate"),
                failed.getException().getMessage());

        assertEquals("Your name is Ada.", template.requestBody("direct:chat3", "What is my name?", String.class));
        assertEquals(1, emulator.sessions().size());
    }

    @Test
    void emptyAndBlankBodiesFailAtOnceWithoutOpeningASession() {
        assertEquals("The audio body is empty: nothing to send to Gemini Live", timed("direct:voice", new byte[0]).getException().getMessage());
        assertEquals("The audio body is empty: nothing to send to Gemini Live",
                timed("direct:voice", java.nio.ByteBuffer.allocate(0)).getException().getMessage());
        assertEquals("The text body is empty: nothing for the model to answer", timed("direct:chat3", "").getException().getMessage());
        assertEquals("The text body is blank: nothing for the model to answer", timed("direct:chat3", " \n ").getException().getMessage());
        assertEquals("The audio body holds no samples: nothing to send to Gemini Live",
                timed("direct:voice", WavWriter.toWav(new byte[0], 16000)).getException().getMessage());
        assertEquals(0, emulator.sessions().size(), "nothing was sent");
    }

    @Test
    void aWavCutShortFailsAtOnceAsBytesAndAsAFile(@TempDir Path dir) throws Exception {
        byte[] wav = WavWriter.toWav(MediaTest.speechLike(16000, 2), 16000);
        byte[] cut = Arrays.copyOf(wav, wav.length / 2);
        String expected = "WAV data is truncated: the 'data' chunk declares 64000 bytes but the input ends after " + (cut.length - 44);

        assertEquals(expected, timed("direct:voice", cut).getException().getMessage());
        Path file = Files.write(dir.resolve("cut.wav"), cut);
        assertEquals(expected, timed("direct:voice", file.toFile()).getException().getMessage());
        assertEquals(0, emulator.sessions().size(), "nothing was sent");
    }

    @Test
    void silenceThatAwaitsAnAnswerFailsAtOnceAndSpeechAfterItIsAnswered(@TempDir Path dir) throws Exception {
        String silent = "The audio is silent: no speech for the model to answer (no sample above -54 dBFS). "
                        + "Send it with replyMode=none or CamelGeminiLiveTurnComplete=false, or with automaticActivityDetection=false "
                        + "to have it answered anyway";
        byte[] zeros = new byte[32000];
        assertEquals(silent, timed("direct:voice", zeros).getException().getMessage());
        byte[] nearZero = Pcm.toBytes(noise(16000, 3));
        assertEquals(silent, timed("direct:voice", WavWriter.toWav(nearZero, 16000)).getException().getMessage());
        Path file = Files.write(dir.resolve("silence.wav"), WavWriter.toWav(zeros, 16000));
        assertEquals(silent, timed("direct:voice", file).getException().getMessage());
        assertEquals(0, emulator.sessions().size(), "nothing was sent");

        String answer = template.requestBody("direct:voice", WavWriter.toWav(MediaTest.speechLike(16000, 2), 16000), String.class);
        assertTrue(answer.matches("I heard [0-9.]+ seconds of audio\\."), answer);
    }

    @Test
    void silenceStreamedWithoutAwaitingAnAnswerOrWithManualActivityDetectionIsSentAsIs() throws Exception {
        template.sendBodyAndHeader("direct:voiceStream", new byte[6400], GeminiLiveConstants.MESSAGE_TYPE, "audio");
        // replyMode=none completes when the frames are written; the server records them a moment later
        await(() -> emulator.sessions().size() == 1 && clientMessages(emulator.sessions().get(0)).size() == 4,
                java.time.Duration.ofSeconds(5), "setup, two audio chunks and audioStreamEnd");
        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        List<RealtimeInput> inputs = sent.stream().skip(1).map(ClientMessage::realtimeInput).toList();
        assertEquals(2, inputs.stream().filter(r -> r.audio() != null).count(), "200 ms in 100 ms chunks");
        assertEquals(Boolean.TRUE, inputs.get(inputs.size() - 1).audioStreamEnd());

        Exchange manual = template.request("direct:manual", e -> e.getMessage().setBody(new ByteArrayInputStream(new byte[6400])));
        assertEquals(null, manual.getException(), "with manual activity detection the turn ends with activityEnd, whatever the audio");
        assertEquals("I heard 0.2 seconds of audio.", manual.getMessage().getBody(String.class));
    }

    /** Noise of at most +-amplitude, far below speech. */
    private static short[] noise(int samples, int amplitude) {
        java.util.Random random = new java.util.Random(7);
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) {
            s[i] = (short) (random.nextInt(2 * amplitude + 1) - amplitude);
        }
        return s;
    }

    /** Sends a body InOut, asserts that it failed well within the turn timeout, and returns the exchange. */
    Exchange timed(String route, Object body) {
        long start = System.nanoTime();
        Exchange reply = template.request(route, e -> e.getMessage().setBody(body));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(reply.getException() != null, "the exchange failed");
        assertTrue(millis < AT_ONCE_MILLIS, "failed after " + millis + " ms");
        return reply;
    }
}
