package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/** G.711 μ-law against the values ITU-T G.711 publishes, and the telephony transcoding built on it. */
class MuLawTest {

    /**
     * G.711 Table 2a: the decoder output of each μ-law segment's first and last step, in 14-bit units, for the
     * transmitted (inverted) positive codes 0xFF..0x80. Segment s spans codes 0xFF - 16 s down to 0xF0 - 16 s.
     */
    private static final int[][] SEGMENT_ENDS_14BIT = {
        {0, 30}, {33, 93}, {99, 219}, {231, 471}, {495, 975}, {1023, 1983}, {2079, 3999}, {4191, 8031},
    };

    /**
     * G.711 Table 5: the μ-law "digital milliwatt", the eight codes that repeat to make a 1 kHz sine at 0 dBm0 (the
     * reference level of every telephone network), starting at phase 22.5 degrees on the negative half-wave.
     */
    private static final byte[] DIGITAL_MILLIWATT = {0x1E, 0x0B, 0x0B, 0x1E, (byte) 0x9E, (byte) 0x8B, (byte) 0x8B, (byte) 0x9E};

    @Test
    void decodesTheSegmentEndsOfTable2a() {
        for (int segment = 0; segment < 8; segment++) {
            int first = 0xFF - 16 * segment;
            int last = 0xF0 - 16 * segment;
            assertEquals(4 * SEGMENT_ENDS_14BIT[segment][0], MuLaw.decode((byte) first), "code " + Integer.toHexString(first));
            assertEquals(4 * SEGMENT_ENDS_14BIT[segment][1], MuLaw.decode((byte) last), "code " + Integer.toHexString(last));
            // the sign bit (0x80 clear after inversion) mirrors each value
            assertEquals(-4 * SEGMENT_ENDS_14BIT[segment][1], MuLaw.decode((byte) (last & 0x7F)));
        }
        assertEquals(0, MuLaw.decode((byte) 0x7F), "negative zero");
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
    }

    @Test
    void encodesTheDigitalMilliwattOfTable5() {
        // 0 dBm0 is 3.17 dB below a full-scale sine
        double amplitude = 32768 * Math.pow(10, -3.17 / 20);
        for (int period = 0; period < 3; period++) {
            for (int i = 0; i < 8; i++) {
                int sample = (int) Math.round(-amplitude * Math.sin(Math.PI / 8 + i * Math.PI / 4));
                assertEquals(DIGITAL_MILLIWATT[i], MuLaw.encode(sample), "sample " + i + " = " + sample);
            }
        }
        // and back: +-8828 and +-20860 are the middles of the steps these codes name
        short[] decoded = Pcm.toSamples(MuLaw.decode(DIGITAL_MILLIWATT));
        assertArrayEquals(new short[] {-8828, -20860, -20860, -8828, 8828, 20860, 20860, 8828}, decoded);
    }

    @Test
    void encodeIsTheInverseOfDecodeForEveryCodeButNegativeZero() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            byte expected = c == 0x7F ? MuLaw.SILENCE : code;
            assertEquals(expected, MuLaw.encode(MuLaw.decode(code)), "code " + Integer.toHexString(c));
        }
    }

    @Test
    void encodingPicksTheStepThatHoldsTheSampleAndClipsAtTheTop() {
        assertEquals(MuLaw.SILENCE, MuLaw.encode(0));
        assertEquals((byte) 0x80, MuLaw.encode(32767));
        assertEquals((byte) 0x00, MuLaw.encode(-32768));
        // every 16-bit sample decodes back to within half a step of itself (steps double with each segment)
        for (int s = -32768; s <= 32767; s++) {
            int back = MuLaw.decode(MuLaw.encode(s));
            int magnitude = Math.min(Math.abs(s), 32124);
            int step = 8 << Math.max(0, 31 - Integer.numberOfLeadingZeros((magnitude + 132) >> 7));
            assertTrue(Math.abs(Math.max(-32124, Math.min(32124, s)) - back) <= step, s + " -> " + back);
        }
    }

    @Test
    void decoderTurnsTelephonyFramesInto16kHzPcm() {
        byte[] tone = Pcm.sine(8000, 440, 0.5, 8000);
        byte[] codes = MuLaw.encode(tone);
        MuLawDecoder decoder = new MuLawDecoder(16000);
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (int at = 0; at < codes.length; at += MuLawFramer.DEFAULT_FRAME_BYTES) {
            pcm.writeBytes(decoder.decode(java.util.Arrays.copyOfRange(codes, at, at + MuLawFramer.DEFAULT_FRAME_BYTES)));
        }
        pcm.writeBytes(decoder.flush());
        byte[] out = pcm.toByteArray();
        assertEquals(2 * 16000, out.length, "one second at 16 kHz");
        // the tone keeps its level (μ-law adds about -38 dB of noise at this level)
        assertEquals(Pcm.rms(tone), Pcm.rms(out), Pcm.rms(tone) * 0.03);
        assertEquals(Pcm.rms(Resampler.resample(tone, 8000, 16000)), Pcm.rms(out), Pcm.rms(tone) * 0.03);
    }

    @Test
    void framerCuts24kHzPcmInto20MsFramesWhateverThePieces() {
        byte[] speech = Pcm.speechLike(24000, 1010, 7);
        MuLawFramer framer = new MuLawFramer(24000, MuLawFramer.DEFAULT_FRAME_BYTES);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        int frames = 0;
        for (int at = 0; at < speech.length; at += 4801) {
            for (byte[] f : framer.frames(java.util.Arrays.copyOfRange(speech, at, Math.min(speech.length, at + 4801)))) {
                assertEquals(160, f.length);
                streamed.writeBytes(f);
                frames++;
            }
        }
        List<byte[]> last = framer.flush();
        for (byte[] f : last) {
            assertEquals(160, f.length);
            streamed.writeBytes(f);
            frames++;
        }
        // 1010 ms is 8080 samples at 8 kHz: 50 full frames and one padded with silence
        assertEquals(51, frames);
        byte[] expected = MuLaw.encode(Resampler.resample(speech, 24000, 8000));
        byte[] got = streamed.toByteArray();
        assertArrayEquals(expected, java.util.Arrays.copyOf(got, expected.length), "same codes as the one-shot conversion");
        for (int i = expected.length; i < got.length; i++) {
            assertEquals(MuLaw.SILENCE, got[i], "padding is silence");
        }
    }

    @Test
    void resetForgetsTheRestOfAnInterruptedAnswer() {
        MuLawFramer framer = new MuLawFramer(24000, 160);
        assertTrue(framer.frames(Pcm.sine(24000, 300, 0.5, 400)).isEmpty(), "400 samples at 24 kHz are less than a frame");
        framer.reset();
        List<byte[]> frames = framer.frames(new byte[2 * 480]);
        assertEquals(0, frames.size(), "history was dropped, so 20 ms of silence is held back by the filter's look-ahead");
        List<byte[]> rest = framer.flush();
        assertEquals(1, rest.size());
        for (byte b : rest.get(0)) {
            assertEquals(MuLaw.SILENCE, b, "nothing of the tone before reset");
        }
    }
}
