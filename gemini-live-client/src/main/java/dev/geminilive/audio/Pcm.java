package dev.geminilive.audio;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * Helpers for signed 16-bit little-endian mono PCM ("PCM16"): signal energy for voice activity detection, durations,
 * sample conversion, and deterministic test signals.
 *
 * <p>Energy is measured against digital full scale (32768): {@link #rms} is 1.0 for a full-scale square wave, and
 * {@link #dbfs} is 0 dB for it, so a full-scale sine reads about -3.01 dBFS and digital silence reads negative
 * infinity.
 */
public final class Pcm {

    /** Formant frequencies (F1, F2, F3 in Hz) of a few vowels, for {@link #speechLike}. */
    private static final double[][] VOWELS = {{730, 1090, 2440}, {270, 2290, 3010}, {300, 870, 2240},
            {530, 1840, 2480}, {570, 840, 2410}, {660, 1720, 2410}, {490, 1350, 1690}};

    private Pcm() {
    }

    /**
     * @param pcm16 PCM16 samples
     * @return the root-mean-square level relative to full scale, 0 for an empty buffer
     */
    public static double rms(byte[] pcm16) {
        return rms(pcm16, 0, pcm16.length);
    }

    /**
     * @param pcm16 buffer of PCM16 samples
     * @param off offset of the first byte
     * @param len number of bytes; a trailing odd byte is ignored
     * @return the root-mean-square level relative to full scale (0 to 1), 0 for no samples
     */
    public static double rms(byte[] pcm16, int off, int len) {
        Objects.checkFromIndexSize(off, len, pcm16.length);
        int samples = len / 2;
        if (samples == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double s = sample(pcm16, off + 2 * i);
            sum += s * s;
        }
        return Math.sqrt(sum / samples) / 32768.0;
    }

    /**
     * @param pcm16 PCM16 samples
     * @return the RMS level in dB relative to full scale; {@link Double#NEGATIVE_INFINITY} for silence
     */
    public static double dbfs(byte[] pcm16) {
        return dbfs(pcm16, 0, pcm16.length);
    }

    /**
     * @param pcm16 buffer of PCM16 samples
     * @param off offset of the first byte
     * @param len number of bytes
     * @return the RMS level in dB relative to full scale; {@link Double#NEGATIVE_INFINITY} for silence
     */
    public static double dbfs(byte[] pcm16, int off, int len) {
        return 20 * Math.log10(rms(pcm16, off, len));
    }

    /**
     * @param pcm16 PCM16 samples
     * @return the largest absolute sample value relative to full scale (0 to 1)
     */
    public static double peak(byte[] pcm16) {
        int max = 0;
        for (int i = 0; i + 1 < pcm16.length; i += 2) {
            max = Math.max(max, Math.abs(sample(pcm16, i)));
        }
        return max / 32768.0;
    }

    /**
     * @param byteCount bytes of PCM16 mono
     * @param sampleRate the sample rate in Hz
     * @return how long they play (whole samples; to the nanosecond)
     */
    public static Duration duration(long byteCount, int sampleRate) {
        return duration(byteCount, PcmFormat.pcm16Mono(sampleRate));
    }

    /**
     * @param byteCount bytes of audio
     * @param format their format
     * @return how long they play (whole frames; to the nanosecond)
     */
    public static Duration duration(long byteCount, PcmFormat format) {
        long frames = byteCount / format.frameSize();
        long rate = format.sampleRate();
        long seconds = frames / rate;
        long nanos = Math.round((frames % rate) * 1e9 / rate);
        return Duration.ofSeconds(seconds, nanos);
    }

    /**
     * @param duration a duration
     * @param sampleRate the sample rate in Hz
     * @return bytes of PCM16 mono holding that duration, rounded down to whole samples
     */
    public static long byteCount(Duration duration, int sampleRate) {
        long samples = duration.getSeconds() * sampleRate + (long) duration.getNano() * sampleRate / 1_000_000_000L;
        return samples * 2;
    }

    /**
     * @param pcm16 PCM16 bytes; a trailing odd byte is ignored
     * @return the samples
     */
    public static short[] toSamples(byte[] pcm16) {
        short[] s = new short[pcm16.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = sample(pcm16, 2 * i);
        }
        return s;
    }

    /**
     * @param samples 16-bit samples
     * @return them as little-endian bytes
     */
    public static byte[] toBytes(short[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            b[2 * i] = (byte) samples[i];
            b[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return b;
    }

    /**
     * Generates a sine tone, bit-for-bit reproducible on every JVM.
     *
     * @param sampleRate the sample rate in Hz
     * @param frequencyHz the tone's frequency
     * @param amplitude peak level relative to full scale, 0 to 1
     * @param sampleCount number of samples
     * @return PCM16 mono
     */
    public static byte[] sine(int sampleRate, double frequencyHz, double amplitude, int sampleCount) {
        if (amplitude < 0 || amplitude > 1) {
            throw new IllegalArgumentException("amplitude must be within 0..1, got " + amplitude);
        }
        short[] s = new short[sampleCount];
        double w = 2 * Math.PI * frequencyHz / sampleRate;
        for (int i = 0; i < sampleCount; i++) {
            s[i] = (short) Math.round(amplitude * 32767 * StrictMath.sin(w * i));
        }
        return toBytes(s);
    }

    /**
     * Generates a deterministic speech-like signal: voiced "syllables" of 120-300 ms with a gliding pitch of 100-190 Hz,
     * harmonics shaped by vowel formants and a rise-and-fall envelope, separated by 30-100 ms gaps and occasional
     * longer pauses, over a faint noise floor (about -80 dBFS). Peaks are at half of full scale. The same arguments
     * always give the same bytes.
     *
     * @param sampleRate the sample rate in Hz (at least 8000)
     * @param millis the length in milliseconds
     * @param seed selects the syllable sequence
     * @return PCM16 mono
     */
    public static byte[] speechLike(int sampleRate, int millis, long seed) {
        if (sampleRate < 8000) {
            throw new IllegalArgumentException("sample rate must be at least 8000 Hz, got " + sampleRate);
        }
        int n = (int) ((long) sampleRate * millis / 1000);
        double[] x = new double[n];
        Random rnd = new Random(seed);
        double maxHarmonicHz = Math.min(4000, 0.45 * sampleRate);
        double phase = 0;
        int i = 0;
        while (i < n) {
            int syllable = (int) (sampleRate * (0.12 + 0.18 * rnd.nextDouble()));
            double[] formants = VOWELS[rnd.nextInt(VOWELS.length)];
            double f0Start = 100 + 60 * rnd.nextDouble();
            double f0End = f0Start * (0.85 + 0.3 * rnd.nextDouble());
            double f0Mean = (f0Start + f0End) / 2;
            int harmonics = (int) (maxHarmonicHz / Math.max(f0Start, f0End));
            double[] gain = new double[harmonics + 1];
            for (int k = 1; k <= harmonics; k++) {
                double f = k * f0Mean;
                double g = 0.02;
                for (int j = 0; j < formants.length; j++) {
                    double d = (f - formants[j]) / (80 + 40 * j);
                    g += Math.exp(-d * d) / (j + 1);
                }
                gain[k] = g / Math.sqrt(k);
            }
            for (int j = 0; j < syllable && i < n; j++, i++) {
                double t = (double) j / syllable;
                double f0 = f0Start + (f0End - f0Start) * t;
                phase += 2 * Math.PI * f0 / sampleRate;
                if (phase > 2 * Math.PI) {
                    phase -= 2 * Math.PI;
                }
                // sin(k*phase) by the recurrence sin(kx) = 2cos(x)sin((k-1)x) - sin((k-2)x): exact IEEE arithmetic,
                // so reproducible, and one sine per sample instead of one per harmonic
                double sin1 = StrictMath.sin(phase);
                double twoCos = 2 * StrictMath.cos(phase);
                double prev = 0;
                double cur = sin1;
                double v = 0;
                for (int k = 1; k <= harmonics; k++) {
                    v += gain[k] * cur;
                    double nextSin = twoCos * cur - prev;
                    prev = cur;
                    cur = nextSin;
                }
                double env = StrictMath.sin(Math.PI * t);
                x[i] = v * env * env;
            }
            int gap = (int) (sampleRate * (0.03 + 0.07 * rnd.nextDouble()));
            if (rnd.nextInt(4) == 0) {
                gap += sampleRate / 4;
            }
            i += gap;
        }
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        double scale = max == 0 ? 0 : 0.5 * 32767 / max;
        short[] s = new short[n];
        for (int k = 0; k < n; k++) {
            s[k] = (short) Math.round(x[k] * scale + 3 * rnd.nextGaussian());
        }
        return toBytes(s);
    }

    private static short sample(byte[] b, int off) {
        return (short) ((b[off] & 0xFF) | b[off + 1] << 8);
    }
}
