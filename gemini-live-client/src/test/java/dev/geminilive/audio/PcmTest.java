package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PcmTest {

    @Test
    void fullScaleSineIsMinus3DbfsAndSquareIs0Dbfs() {
        byte[] sine = Pcm.sine(16000, 1000, 1.0, 16000);
        assertEquals(-3.01, Pcm.dbfs(sine), 0.01);
        assertEquals(Math.sqrt(0.5), Pcm.rms(sine), 1e-3);
        short[] square = new short[1000];
        for (int i = 0; i < square.length; i++) {
            square[i] = i % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        assertEquals(0.0, Pcm.dbfs(Pcm.toBytes(square)), 1e-3);
        assertEquals(1.0, Pcm.peak(Pcm.toBytes(square)), 1e-9);
    }

    @Test
    void halvingTheAmplitudeLowersTheLevelBy6Db() {
        double full = Pcm.dbfs(Pcm.sine(16000, 440, 0.8, 16000));
        double half = Pcm.dbfs(Pcm.sine(16000, 440, 0.4, 16000));
        assertEquals(-6.02, half - full, 0.02);
    }

    @Test
    void silenceIsMinusInfinityDbfsAndEmptyBufferHasZeroRms() {
        assertEquals(Double.NEGATIVE_INFINITY, Pcm.dbfs(new byte[3200]));
        assertEquals(0.0, Pcm.rms(new byte[0]));
        assertEquals(0.0, Pcm.rms(new byte[] {1}));
    }

    @Test
    void rmsOfARegionIgnoresTheRest() {
        byte[] b = new byte[400];
        byte[] tone = Pcm.sine(16000, 1000, 0.5, 100);
        System.arraycopy(tone, 0, b, 200, 200);
        assertEquals(Pcm.rms(tone), Pcm.rms(b, 200, 200), 1e-12);
        assertEquals(0.0, Pcm.rms(b, 0, 200));
    }

    @Test
    void durationOfByteCountCountsWholeSamples() {
        assertEquals(Duration.ofSeconds(1), Pcm.duration(32000, 16000));
        assertEquals(Duration.ofMillis(100), Pcm.duration(3200, 16000));
        assertEquals(Duration.ofMillis(100), Pcm.duration(3201, 16000));
        assertEquals(Duration.ofMillis(1500), Pcm.duration(72000, 24000));
        assertEquals(Duration.ofNanos(22_675_737), Pcm.duration(2000, 44100)); // 1000 samples
        assertEquals(Duration.ofSeconds(1), Pcm.duration(44100 * 6, new PcmFormat(44100, 2, 24,
                PcmFormat.Encoding.SIGNED_INT, java.nio.ByteOrder.LITTLE_ENDIAN)));
    }

    @Test
    void byteCountOfDurationIsWholeSamples() {
        assertEquals(3200, Pcm.byteCount(Duration.ofMillis(100), 16000));
        assertEquals(2 * 2205, Pcm.byteCount(Duration.ofMillis(100), 22050));
        assertEquals(2 * 22, Pcm.byteCount(Duration.ofNanos(1_000_000), 22050)); // 22.05 samples
    }

    @Test
    void samplesAndBytesConvertBothWaysLittleEndian() {
        short[] s = {0, 1, -1, Short.MAX_VALUE, Short.MIN_VALUE, 0x1234};
        byte[] b = Pcm.toBytes(s);
        assertArrayEquals(new byte[] {0, 0, 1, 0, -1, -1, -1, 0x7F, 0, (byte) 0x80, 0x34, 0x12}, b);
        assertArrayEquals(s, Pcm.toSamples(b));
    }

    @Test
    void sineIsDeterministicAndHasTheRequestedFrequency() {
        byte[] a = Pcm.sine(16000, 1000, 0.5, 16000);
        assertArrayEquals(a, Pcm.sine(16000, 1000, 0.5, 16000));
        short[] s = Pcm.toSamples(a);
        assertEquals(0, s[0]);
        assertEquals(Math.round(0.5 * 32767 * Math.sin(2 * Math.PI / 16)), s[1]);
        assertEquals(2000, TestAudio.zeroCrossings(s), 2);
        assertEquals(0.5, TestAudio.goertzel(s, 16000, 1000), 0.001);
    }

    @Test
    void speechLikeSignalIsDeterministicWithVoicedSyllablesAndPauses() {
        byte[] a = Pcm.speechLike(16000, 3000, 42);
        assertEquals(3 * 32000, a.length);
        assertArrayEquals(a, Pcm.speechLike(16000, 3000, 42));
        assertFalse(Arrays.equals(a, Pcm.speechLike(16000, 3000, 43)));
        assertEquals(0.5, Pcm.peak(a), 0.01);

        int loud = 0;
        int quiet = 0;
        int frames = a.length / 640; // 20 ms frames
        for (int f = 0; f < frames; f++) {
            double db = Pcm.dbfs(a, f * 640, 640);
            if (db > -30) {
                loud++;
            } else if (db < -60) {
                quiet++;
            }
        }
        assertTrue(loud >= frames / 4, "voiced frames: " + loud + " of " + frames);
        assertTrue(quiet >= frames / 20, "silent frames: " + quiet + " of " + frames);

        // energy sits in the voice band: a voiced stretch has more energy below 1 kHz than above 4 kHz
        short[] s = Pcm.toSamples(a);
        double low = 0;
        double high = 0;
        for (int hz = 100; hz < 1000; hz += 10) {
            low += TestAudio.goertzel(s, 16000, hz);
        }
        for (int hz = 4100; hz < 5000; hz += 10) {
            high += TestAudio.goertzel(s, 16000, hz);
        }
        assertTrue(low > 10 * high, "low " + low + " high " + high);
    }
}
