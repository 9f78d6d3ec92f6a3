package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.ClientMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Inputs sent without waiting (replyMode=none): the answers they get, the ones they do not, and the session afterwards. */
class StreamedInputAnswersTest extends EmulatorTestSupport {

    private static final int CHUNKS = 12;
    private static final int CHUNK_BYTES = 3200;

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ZERO);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream").to(uri("held", "model=" + MODEL_3 + "&sessionIdleTimeout=300&replyMode=none&turnTimeout=500"));
                from("direct:ask").to(uri("held", "model=" + MODEL_3 + "&sessionIdleTimeout=300&turnTimeout=3000"));
            }
        };
    }

    /** Silence at real-time pace: one 100 ms chunk every 100 ms, as a microphone delivers it. */
    private static final class RealTimeSilence extends InputStream {
        private int chunksLeft = CHUNKS;

        @Override
        public int read() {
            throw new UnsupportedOperationException("read in chunks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (chunksLeft == 0) {
                return -1;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            chunksLeft--;
            int n = Math.min(len, CHUNK_BYTES);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            return n;
        }
    }

    @Test
    void aStreamSlowerThanTheIdleTimeoutIsSentWholeAndTheSessionIdlesOutAfterwards() throws Exception {
        Exchange sent = template.send("direct:stream", ExchangePattern.InOnly, e -> e.getMessage().setBody(new RealTimeSilence()));
        assertNull(sent.getException(), () -> "the stream failed: " + sent.getException());
        await(() -> emulator.sessions().size() == 1 && audioFrames() == CHUNKS, Duration.ofSeconds(5), "every chunk at the server");
        assertEquals(1, emulator.sessions().size(), "one session for the whole stream");
        assertEquals(1000, emulator.sessions().get(0).awaitClose(Duration.ofSeconds(5)).code(), "closed as idle once the stream ended");
    }

    @Test
    void aQuestionAfterAnUnansweredStreamGetsItsOwnAnswer() throws Exception {
        Exchange sent = template.send("direct:stream", ExchangePattern.InOnly, e -> e.getMessage().setBody(new byte[6400]));
        assertNull(sent.getException());
        await(() -> emulator.sessions().size() == 1 && audioFrames() == 2, Duration.ofSeconds(5), "the silence at the server");
        // past the stream's turn timeout: nothing answered it, so it owes nothing and takes no later answer
        Thread.sleep(700);
        assertEquals("You said: are you there?", template.requestBody("direct:ask", "are you there?", String.class));
    }

    @Test
    void aQuestionRightAfterAnAnsweredStreamStillGetsItsOwnAnswer() throws Exception {
        // within its turn timeout a streamed input still owes an answer: the first turn is the stream's, the next the question's
        Exchange sent = template.send("direct:stream", ExchangePattern.InOnly,
                e -> e.getMessage().setBody(dev.geminilive.audio.Pcm.speechLike(16000, 500, 1)));
        assertNull(sent.getException());
        assertEquals("You said: and now?", template.requestBody("direct:ask", "and now?", String.class));
    }

    private long audioFrames() {
        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        return sent.stream().filter(m -> m.realtimeInput() != null && m.realtimeInput().audio() != null).count();
    }
}
