package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

class PcmConverterTest {

    @Test
    void pcm16MonoPassesThroughUnchanged() {
        byte[] pcm = Pcm.speechLike(16000, 200, 1);
        assertArrayEquals(pcm, PcmConverter.toPcm16Mono(pcm, PcmFormat.PCM16_MONO_16K));
    }

    @Test
    void stereoIsDownmixedByAveragingTheChannels() {
        PcmFormat stereo = new PcmFormat(16000, 2, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        short[] interleaved = {1000, 3000, -32768, -32768, 32767, 32767, 32767, -32768, 5, 6};
        byte[] out = PcmConverter.toPcm16Mono(Pcm.toBytes(interleaved), stereo);
        assertArrayEquals(new short[] {2000, -32768, 32767, 0, 6}, Pcm.toSamples(out)); // 5.5 rounds up

        PcmFormat quad = new PcmFormat(8000, 4, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        assertArrayEquals(new short[] {250},
                Pcm.toSamples(PcmConverter.toPcm16Mono(Pcm.toBytes(new short[] {1000, 0, 0, 0}), quad)));
    }

    @Test
    void wideIntegersAreRoundedTo16Bits() {
        PcmFormat s24 = new PcmFormat(48000, 1, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        // 0x000180 = 384 -> 1.5 -> 2; 0x00017F = 383 -> 1.496 -> 1; 0xFFFF80 = -128 -> -0.5 -> 0; 0x800000 = min
        byte[] in = {(byte) 0x80, 0x01, 0x00, 0x7F, 0x01, 0x00, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0, 0,
                (byte) 0x80, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertArrayEquals(new short[] {2, 1, 0, -32768, 32767}, Pcm.toSamples(PcmConverter.toPcm16Mono(in, s24)));

        PcmFormat s32 = new PcmFormat(48000, 1, 32, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        byte[] in32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x1234C000).putInt(Integer.MIN_VALUE)
                .array();
        assertArrayEquals(new short[] {0x1235, -32768}, Pcm.toSamples(PcmConverter.toPcm16Mono(in32, s32)));
    }

    @Test
    void floatSamplesBeyondFullScaleAreClipped() {
        PcmFormat f32 = new PcmFormat(16000, 2, 32, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN);
        byte[] in = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putFloat(2f).putFloat(2f)
                .putFloat(-1f).putFloat(-1f).putFloat(1f).putFloat(-1f).putFloat(Float.POSITIVE_INFINITY)
                .putFloat(0f).array();
        assertArrayEquals(new short[] {32767, -32768, 0, 16384}, Pcm.toSamples(PcmConverter.toPcm16Mono(in, f32)));
    }

    @Test
    void bigEndianL16IsByteSwapped() {
        PcmFormat l16 = PcmFormat.parseMimeType("audio/L16;rate=8000");
        byte[] in = {0x12, 0x34, (byte) 0xFF, (byte) 0xFE};
        assertArrayEquals(new short[] {0x1234, -2}, Pcm.toSamples(PcmConverter.toPcm16Mono(in, l16)));
    }

    @Test
    void streamingConversionOfPiecesSplittingFramesEqualsOneShot() {
        PcmFormat f = new PcmFormat(44100, 2, 24, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        byte[] in = TestAudio.encode(f, TestAudio.tone(44100, 1000, 0.8, 4410), TestAudio.tone(44100, 300, 0.3, 4410));
        byte[] oneShot = PcmConverter.toPcm16Mono(in, f);
        assertEquals(4410 * 2, oneShot.length);

        PcmConverter c = new PcmConverter(f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random rnd = new Random(3);
        for (int off = 0; off < in.length;) {
            int len = Math.min(in.length - off, 1 + rnd.nextInt(17));
            out.writeBytes(c.convert(in, off, len));
            off += len;
            assertEquals(off % 6, c.pendingBytes());
        }
        assertArrayEquals(oneShot, out.toByteArray());
    }

    @Test
    void trailingPartialFrameIsDropped() {
        PcmFormat stereo = new PcmFormat(16000, 2, 16, PcmFormat.Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, PcmConverter.toPcm16Mono(new byte[7], stereo).length);
        assertEquals(4, PcmConverter.toPcm16Mono(new byte[5], PcmFormat.PCM16_MONO_16K).length);
    }
}
