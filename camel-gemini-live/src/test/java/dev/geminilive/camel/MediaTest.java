package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import javax.imageio.ImageIO;

import dev.geminilive.audio.AudioInput;
import dev.geminilive.audio.WavWriter;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.RealtimeInput;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Audio and video bodies reach the server in the form the Live API takes them. */
class MediaTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:voice").to(uri("voice", "model=" + MODEL_3 + "&replyFormat=wav&inputAudioTranscription=true"));
                from("direct:frames").to(uri("frames", "model=" + MODEL_3));
            }
        };
    }

    @Test
    void aTenSecondWavStreamsAs16kPcmChunksAndTheReplyIsA24kWav() throws Exception {
        int sourceRate = 22050;
        byte[] wav = WavWriter.toWav(speechLike(sourceRate, 10), sourceRate);

        Exchange reply = template.request("direct:voice", e -> {
            e.setPattern(ExchangePattern.InOut);
            e.getMessage().setBody(new ByteArrayInputStream(wav));
        });
        if (reply.getException() != null) {
            throw reply.getException();
        }

        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertEquals(ClientMessage.Kind.SETUP, sent.get(0).kind());
        List<RealtimeInput> audio = sent.stream().skip(1).map(ClientMessage::realtimeInput).filter(r -> r.audio() != null).toList();
        int total = 0;
        for (int i = 0; i < audio.size(); i++) {
            RealtimeInput chunk = audio.get(i);
            assertEquals("audio/pcm;rate=16000", chunk.audio().mimeType());
            if (i < audio.size() - 1) {
                assertEquals(3200, chunk.audio().data().length, "chunk " + i + " is 100 ms of 16 kHz 16-bit mono");
            }
            total += chunk.audio().data().length;
        }
        assertTrue(Math.abs(total - 10 * 16000 * 2) <= 4, "10 s at 16 kHz is 320000 bytes, got " + total);
        // the chunks follow setup in one run, in order, and audioStreamEnd ends the turn
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (int i = 0; i < audio.size(); i++) {
            received.writeBytes(sent.get(1 + i).realtimeInput().audio().data());
        }
        assertArrayEquals(new AudioInput().toPcm(wav, "audio/wav"), received.toByteArray());
        assertEquals(Boolean.TRUE, sent.get(1 + audio.size()).realtimeInput().audioStreamEnd());

        byte[] replyWav = reply.getMessage().getBody(byte[].class);
        assertEquals("audio/wav", reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE));
        assertEquals("RIFF", new String(replyWav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(replyWav, 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer header = ByteBuffer.wrap(replyWav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, header.getShort(22), "mono");
        assertEquals(24000, header.getInt(24), "24 kHz");
        assertEquals(16, header.getShort(34), "16-bit");
        assertTrue(replyWav.length > 44 + 2400, "the reply holds audio");
    }

    @Test
    void aJpegFrameReachesTheServerAsRealtimeInputVideo() throws Exception {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff0000);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);

        template.sendBody("direct:frames", jpeg.toByteArray());
        assertEquals("I see 1 image (image/jpeg).", template.requestBody("direct:frames", "What do you see?", String.class));

        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        RealtimeInput video = sent.get(1).realtimeInput();
        assertEquals("image/jpeg", video.video().mimeType());
        assertArrayEquals(jpeg.toByteArray(), video.video().data());
    }

    /** Syllable-like bursts of a voiced tone over silence, so energy-based detection hears speech. */
    static byte[] speechLike(int rate, int seconds) {
        int n = rate * seconds;
        ByteBuffer pcm = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            boolean voiced = (t % 0.5) < 0.35 && t < seconds - 1.0;
            double v = voiced ? 0.4 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 660 * t) : 0;
            pcm.putShort((short) (v * 32767 * 0.8));
        }
        return pcm.array();
    }
}
