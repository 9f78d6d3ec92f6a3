package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"44100, 16000", "48000, 16000", "22050, 16000", "24000, 16000", "8000, 16000", "16000, 24000",
            "11025, 16000", "16000, 16000", "44101, 16000", "16007, 16000"})
    void streamingInRandomPiecesEqualsOneShotAcrossChunkBoundaries(int from, int to) {
        byte[] in = Pcm.speechLike(from, 700, 11);
        byte[] oneShot = Resampler.resample(in, from, to);
        assertEquals(Resampler.outputSamples(in.length / 2, from, to) * 2, oneShot.length);

        Resampler r = new Resampler(from, to);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        Random rnd = new Random(from ^ to);
        for (int off = 0; off < in.length;) {
            // pieces of 1..600 bytes, so many split a sample between its two bytes
            int len = Math.min(in.length - off, 1 + rnd.nextInt(600));
            streamed.writeBytes(r.process(in, off, len));
            off += len;
        }
        streamed.writeBytes(r.flush());
        // the filter state carries across pieces, so the result is not merely close but identical
        assertArrayEquals(oneShot, streamed.toByteArray());
    }

    @Test
    void extremeRatioWithManyPhasesKeepsQualityAndStreamingEquality() {
        // 768 kHz -> 16007 Hz: 16007 phases of 2560 taps, too many to tabulate, so taps are computed per output
        byte[] in = Pcm.sine(768000, 1000, 0.5, 768000 / 25);
        byte[] oneShot = Resampler.resample(in, 768000, 16007);
        assertEquals(Resampler.outputSamples(768000 / 25, 768000, 16007) * 2, oneShot.length);
        short[] middle = TestAudio.slice(Pcm.toSamples(oneShot), 160, 480);
        assertEquals(0, TestAudio.db(Pcm.rms(Pcm.toBytes(middle)) / (0.5 / Math.sqrt(2))), 0.1);

        Resampler r = new Resampler(768000, 16007);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        for (int off = 0; off < in.length; off += 12345) {
            streamed.writeBytes(r.process(in, off, Math.min(12345, in.length - off)));
        }
        streamed.writeBytes(r.flush());
        assertArrayEquals(oneShot, streamed.toByteArray());
    }

    @Test
    void streamingHoldsBackOnlyAFewMillisecondsOfOutput() {
        Resampler r = new Resampler(44100, 16000);
        byte[] second = Pcm.sine(44100, 1000, 0.5, 44100);
        int out = r.process(second).length / 2;
        assertTrue(out >= 16000 - 16000 * 0.0035 && out < 16000, "emitted " + out);
        assertEquals(16000 - out, r.flush().length / 2);
    }

    @Test
    void outputCountIsTheInputSpanAtTheNewRate() {
        assertEquals(16000, Resampler.outputSamples(44100, 44100, 16000));
        assertEquals(16000, Resampler.outputSamples(48000, 48000, 16000));
        assertEquals(1, Resampler.outputSamples(1, 44100, 16000));
        assertEquals(3, Resampler.outputSamples(7, 44100, 16000)); // 7 * 0.3628 = 2.54
        assertEquals(3, Resampler.outputSamples(2, 16000, 24000));
        assertEquals(0, Resampler.outputSamples(0, 8000, 16000));
        assertEquals(3 * 2, Resampler.resample(new byte[14], 44100, 16000).length);
        assertEquals(0, Resampler.resample(new byte[1], 44100, 16000).length);
    }

    @Test
    void toneFrequencyAndLevelArePreservedWhenDownsampling() {
        for (int hz : new int[] {300, 1000, 3000, 5000, 6000}) {
            byte[] in = Pcm.sine(44100, hz, 0.5, 44100);
            short[] out = Pcm.toSamples(Resampler.resample(in, 44100, 16000));
            assertEquals(16000, out.length);
            short[] middle = TestAudio.slice(out, 1000, 15000); // away from the start and end ramps
            double level = TestAudio.goertzel(middle, 16000, hz);
            assertEquals(0, TestAudio.db(level / 0.5), hz <= 5000 ? 0.05 : 0.3, hz + " Hz level " + level);
            assertEquals(2 * hz * middle.length / 16000.0, TestAudio.zeroCrossings(middle), 2, hz + " Hz crossings");
        }
    }

    @Test
    void contentAboveTheNewNyquistIsFilteredOutNotAliased() {
        // 44.1 kHz -> 16 kHz: a 12 kHz tone would alias to 4 kHz, a 9 kHz tone to 7 kHz, a 20 kHz tone to 4 kHz
        for (int hz : new int[] {9000, 12000, 20000}) {
            byte[] in = Pcm.sine(44100, hz, 0.5, 44100);
            short[] out = TestAudio.slice(Pcm.toSamples(Resampler.resample(in, 44100, 16000)), 1000, 15000);
            double alias = 16000 - hz % 16000 > 8000 ? hz % 16000 : 16000 - hz % 16000;
            double aliasDb = TestAudio.db(TestAudio.goertzel(out, 16000, alias) / 0.5);
            double totalDb = TestAudio.db(Pcm.rms(Pcm.toBytes(out)) / (0.5 / Math.sqrt(2)));
            assertTrue(aliasDb < -70, hz + " Hz aliased to " + alias + " Hz at " + aliasDb + " dB");
            assertTrue(totalDb < -60, hz + " Hz leaves " + totalDb + " dB");
        }
    }

    @Test
    void upsamplingKeepsTheToneAndAddsNoImages() {
        // 8 kHz -> 16 kHz: zero-stuffing would mirror 1 kHz to 7 kHz
        short[] out = TestAudio.slice(Pcm.toSamples(Resampler.resample(Pcm.sine(8000, 1000, 0.5, 8000), 8000,
                16000)), 500, 15500);
        assertEquals(0, TestAudio.db(TestAudio.goertzel(out, 16000, 1000) / 0.5), 0.05);
        assertTrue(TestAudio.db(TestAudio.goertzel(out, 16000, 7000) / 0.5) < -70);
    }

    @Test
    void constantLevelIsPreservedExactly() {
        short[] dc = new short[4410];
        java.util.Arrays.fill(dc, (short) 12345);
        short[] out = Pcm.toSamples(Resampler.resample(Pcm.toBytes(dc), 44100, 16000));
        for (int i = 100; i < out.length - 100; i++) {
            assertEquals(12345, out[i], 1, "sample " + i);
        }
    }

    @Test
    void toneStaysInPhaseBecauseTheFilterAddsNoDelay() {
        byte[] in = Pcm.sine(48000, 500, 0.5, 48000);
        short[] out = Pcm.toSamples(Resampler.resample(in, 48000, 16000));
        for (int i = 200; i < 15800; i += 97) {
            double expected = 0.5 * 32767 * Math.sin(2 * Math.PI * 500 * i / 16000.0);
            assertEquals(expected, out[i], 5, "sample " + i);
        }
    }

    @Test
    void chunkBoundariesDoNotClick() {
        // a 1 kHz tone at amplitude 0.5 changes by at most 2*pi*1000/16000*0.5*32767 ~ 6434 per sample at 16 kHz
        byte[] in = Pcm.sine(24000, 1000, 0.5, 24000);
        Resampler r = new Resampler(24000, 16000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int off = 0; off < in.length; off += 4801) { // odd piece size: ~100 ms, splitting samples
            out.writeBytes(r.process(in, off, Math.min(4801, in.length - off)));
        }
        out.writeBytes(r.flush());
        short[] s = Pcm.toSamples(out.toByteArray());
        int maxStep = 0;
        for (int i = 200; i < s.length - 200; i++) {
            maxStep = Math.max(maxStep, Math.abs(s[i] - s[i - 1]));
        }
        assertTrue(maxStep <= 6450, "largest step " + maxStep);
    }

    @Test
    void equalRatesPassThroughUnchangedEvenWhenPiecesSplitSamples() {
        byte[] in = Pcm.speechLike(16000, 100, 5);
        assertArrayEquals(in, Resampler.resample(in, 16000, 16000));
        Resampler r = new Resampler(16000, 16000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(r.process(in, 0, 3));
        out.writeBytes(r.process(in, 3, in.length - 3));
        out.writeBytes(r.flush());
        assertArrayEquals(in, out.toByteArray());
    }

    @Test
    void processAfterFlushIsRefused() {
        Resampler r = new Resampler(44100, 16000);
        r.flush();
        assertThrows(IllegalStateException.class, () -> r.process(new byte[2]));
        assertThrows(IllegalStateException.class, r::flush);
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
    }
}
