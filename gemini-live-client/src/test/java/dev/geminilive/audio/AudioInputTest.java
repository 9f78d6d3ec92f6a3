package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

class AudioInputTest {

    private static final PcmFormat STEREO_24_44K = new PcmFormat(44100, 2, 24, PcmFormat.Encoding.SIGNED_INT,
            ByteOrder.LITTLE_ENDIAN);

    private final AudioInput input = new AudioInput();

    @Test
    void stereo24Bit44kHzWavBecomes16kHzMonoWithItsSampleCountAnd1kHzTone() throws IOException {
        int frames = 44100 * 2 + 37; // 2 s and a bit, not a whole number of output samples
        double[] left = TestAudio.tone(44100, 1000, 0.6, frames);
        double[] right = TestAudio.tone(44100, 1000, 0.4, frames); // in phase: the mono mix is 0.5
        byte[] wav = WavWriter.toWav(TestAudio.encode(STEREO_24_44K, left, right), STEREO_24_44K);

        byte[] pcm = input.toPcm(wav, "audio/wav");
        long expectedSamples = Math.round(frames * 16000.0 / 44100);
        assertEquals(expectedSamples, pcm.length / 2, 1);

        short[] s = Pcm.toSamples(pcm);
        short[] middle = TestAudio.slice(s, 1600, 1600 + 16000 * 1); // one second away from the edges
        assertEquals(2000, TestAudio.zeroCrossings(middle), 2); // 1 kHz: 2 crossings per cycle
        assertEquals(0.5, TestAudio.goertzel(middle, 16000, 1000), 0.005);
        assertTrue(TestAudio.goertzel(middle, 16000, 2000) < 0.001);

        // the same, streamed in odd-sized reads and chunked at 100 ms
        List<byte[]> chunks = new ArrayList<>();
        long total = input.forEachChunk(new TestAudio.TrickleInputStream(new ByteArrayInputStream(wav)), null,
                chunks::add);
        assertEquals(pcm.length, total);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.size(); i++) {
            if (i < chunks.size() - 1) {
                assertEquals(3200, chunks.get(i).length);
            }
            joined.writeBytes(chunks.get(i));
        }
        assertArrayEquals(pcm, joined.toByteArray());
    }

    @Test
    void wavIsRecognisedByItsHeaderWhateverTheLabel() {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 1600);
        byte[] wav = WavWriter.toWav(pcm, 16000);
        assertArrayEquals(pcm, input.toPcm(wav, null));
        assertArrayEquals(pcm, input.toPcm(wav, "application/octet-stream"));
        assertArrayEquals(pcm, input.toPcm(wav, "audio/pcm;rate=16000")); // mislabelled: header wins
        assertArrayEquals(pcm, input.toPcm(wav, "audio/x-wav"));
    }

    @Test
    void raw16kHzPcmPassesThroughBitExact() throws IOException {
        byte[] pcm = Pcm.speechLike(16000, 1000, 3);
        assertArrayEquals(pcm, input.toPcm(pcm, "audio/pcm;rate=16000"));
        assertArrayEquals(pcm, input.toPcm(pcm, "audio/pcm"));
        Iterator<byte[]> it = input.chunks(pcm, "audio/pcm;rate=16000");
        assertArrayEquals(java.util.Arrays.copyOf(pcm, 3200), it.next());
    }

    @Test
    void raw24kHzPcmIsResampledTo16kHz() {
        byte[] pcm24 = Pcm.sine(24000, 1000, 0.5, 24000);
        byte[] pcm16 = input.toPcm(pcm24, "audio/pcm;rate=24000");
        assertEquals(16000, pcm16.length / 2);
        assertEquals(0.5, TestAudio.goertzel(TestAudio.slice(Pcm.toSamples(pcm16), 800, 15200), 16000, 1000),
                0.005);
    }

    @Test
    void bigEndianL16At8kHzIsSwappedAndUpsampled() {
        byte[] le = Pcm.sine(8000, 500, 0.5, 8000);
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i += 2) {
            be[i] = le[i + 1];
            be[i + 1] = le[i];
        }
        byte[] pcm = input.toPcm(be, "audio/L16;rate=8000");
        assertEquals(16000, pcm.length / 2);
        assertArrayEquals(Resampler.resample(le, 8000, 16000), pcm);
    }

    @Test
    void eightBitAndFloatWavsAreConvertedTo16kHz() {
        PcmFormat u8 = new PcmFormat(8000, 1, 8, PcmFormat.Encoding.UNSIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        byte[] wav8 = WavWriter.toWav(TestAudio.encode(u8, TestAudio.tone(8000, 400, 0.5, 8000)), u8);
        short[] out8 = Pcm.toSamples(input.toPcm(wav8, "audio/wav"));
        assertEquals(16000, out8.length);
        assertEquals(0.5, TestAudio.goertzel(TestAudio.slice(out8, 800, 15200), 16000, 400), 0.01);

        PcmFormat f32 = new PcmFormat(48000, 1, 32, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN);
        byte[] wavF = WavWriter.toWav(TestAudio.encode(f32, TestAudio.tone(48000, 3000, 0.25, 48000)), f32);
        short[] outF = Pcm.toSamples(input.toPcm(wavF, "audio/wav"));
        assertEquals(16000, outF.length);
        assertEquals(0.25, TestAudio.goertzel(TestAudio.slice(outF, 800, 15200), 16000, 3000), 0.003);
    }

    @Test
    void longStreamIsConvertedAsItIsReadNotLoadedWhole() throws IOException {
        // one minute of 48 kHz stereo 16-bit WAV, generated on demand, with the streaming data size 0xFFFFFFFF
        PcmFormat stereo48 = new PcmFormat(48000, 2, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        byte[] header = WavWriter.header(stereo48, -1);
        byte[] period = TestAudio.encode(stereo48, TestAudio.tone(48000, 1000, 0.5, 48), TestAudio.tone(48000, 1000,
                0.5, 48)); // exactly one 1 kHz cycle
        long dataBytes = 60L * 48000 * 4;
        TestAudio.GeneratedInputStream src = new TestAudio.GeneratedInputStream(header, period,
                header.length + dataBytes);

        Iterator<byte[]> chunks = input.chunks(src, "audio/wav");
        assertTrue(src.position() < 64, "only the header is read up front: " + src.position());
        byte[] first = chunks.next();
        assertEquals(3200, first.length);
        assertTrue(src.position() < 64 * 1024, "read " + src.position() + " bytes for the first chunk");

        long total = first.length;
        int count = 1;
        while (chunks.hasNext()) {
            byte[] c = chunks.next();
            total += c.length;
            count++;
            assertTrue(c.length == 3200 || !chunks.hasNext());
        }
        assertEquals(60 * 16000 * 2, total);
        assertEquals(600, count);
    }

    @Test
    void customChunkDurationAndTargetRate() {
        AudioInput twenty = new AudioInput(20);
        assertEquals(640, twenty.chunkBytes());
        assertEquals("audio/pcm;rate=16000", twenty.targetMimeType());
        Iterator<byte[]> it = twenty.chunks(Pcm.sine(24000, 440, 0.5, 2400), "audio/pcm;rate=24000");
        int n = 0;
        while (it.hasNext()) {
            assertEquals(640, it.next().length);
            n++;
        }
        assertEquals(5, n);

        AudioInput at24 = new AudioInput(24000, 100);
        assertEquals(PcmFormat.PCM16_MONO_24K, at24.targetFormat());
        assertEquals(24000, at24.toPcm(Pcm.sine(16000, 440, 0.5, 16000), "audio/pcm;rate=16000").length / 2);
    }

    @Test
    void unsupportedOrUnlabelledAudioIsRefusedWithAdvice() {
        byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        String msg = assertThrows(AudioFormatException.class, () -> input.toPcm(mp3, "audio/mpeg")).getMessage();
        assertEquals("audio type audio/mpeg is not supported; send WAV (audio/wav) or raw PCM (audio/pcm;rate=N for "
                + "16-bit little-endian, audio/L16;rate=N for big-endian)", msg);

        msg = assertThrows(AudioFormatException.class, () -> input.toPcm(new byte[100], null)).getMessage();
        assertEquals("cannot tell the audio format: the body is not WAV and has no MIME type; label raw PCM, e.g. "
                + "audio/pcm;rate=16000", msg);

        msg = assertThrows(AudioFormatException.class, () -> input.toPcm(mp3, "audio/wav")).getMessage();
        assertEquals("body is labelled audio/wav but is not a WAV file (it does not start with RIFF....WAVE)", msg);

        byte[] mp3Wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(0x55, 2, 44100, 1, 0))
                .chunk("data", new byte[10]).build();
        msg = assertThrows(AudioFormatException.class, () -> input.toPcm(mp3Wav, "audio/wav")).getMessage();
        assertTrue(msg.contains("0x0055 (MP3)"), msg);
    }

    @Test
    void formatErrorsSurfaceBeforeAnyChunkIsProduced() {
        InputStream truncated = new ByteArrayInputStream(java.util.Arrays.copyOf(WavWriter.toWav(new byte[10],
                16000), 30));
        assertThrows(AudioFormatException.class, () -> input.chunks(truncated, "audio/wav"));
    }

    @Test
    void wavMimeTypesAreRecognised() {
        assertTrue(AudioInput.isWavMimeType("audio/wav"));
        assertTrue(AudioInput.isWavMimeType("Audio/X-WAV; codecs=1"));
        assertTrue(AudioInput.isWavMimeType("audio/vnd.wave"));
        assertFalse(AudioInput.isWavMimeType("audio/pcm;rate=16000"));
        assertFalse(AudioInput.isWavMimeType(null));
    }

    @Test
    void emptyRawBodyYieldsNoChunks() {
        assertFalse(input.chunks(new byte[0], "audio/pcm;rate=24000").hasNext());
        assertEquals(0, input.toPcm(new byte[0], "audio/pcm;rate=16000").length);
    }

    @Test
    void aWavCutShortFailsWhenItsEndIsReadIfTruncationIsRefusedAndIsShorterAudioOtherwise() throws IOException {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 8000);
        byte[] cut = java.util.Arrays.copyOf(WavWriter.toWav(pcm, 16000), 44 + 6000);
        AudioInput strict = input.refusingTruncatedWav();

        AudioFormatException e = assertThrows(AudioFormatException.class, () -> strict.toPcm(cut, "audio/wav"));
        assertEquals("WAV data is truncated: the 'data' chunk declares 16000 bytes but the input ends after 6000", e.getMessage());
        Iterator<byte[]> chunks = strict.chunks(new ByteArrayInputStream(cut), null);
        assertThrows(AudioFormatException.class, () -> chunks.forEachRemaining(c -> { }), "a stream fails when its end is read");

        assertEquals(6000, input.toPcm(cut, "audio/wav").length, "tolerated unless refused");
    }

    @Test
    void refusingTruncationStillReadsPlaceholderAndUnknownSizesToTheEnd() {
        byte[] pcm = Pcm.sine(16000, 440, 0.5, 1001);
        AudioInput strict = input.refusingTruncatedWav();
        for (long declared : new long[] { 0x7FFFF000L, 0xFFFFFFFFL, 0 }) {
            byte[] wav = TestAudio.Riff.wave().chunk("fmt ", TestAudio.fmt(PcmFormat.PCM16_MONO_16K)).chunk("data", pcm, declared).build();
            assertArrayEquals(pcm, strict.toPcm(wav, null), "declared " + declared);
        }
        byte[] oneByteShort = java.util.Arrays.copyOf(WavWriter.toWav(pcm, 16000), 44 + pcm.length - 1);
        assertEquals(pcm.length - 2, strict.toPcm(oneByteShort, null).length, "less than a frame missing is tolerated");
    }
}
