package dev.geminilive.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Changes the sample rate of signed 16-bit little-endian mono PCM, in one shot ({@link #resample(byte[], int, int)})
 * or as a stream ({@link #process(byte[], int, int)} then {@link #flush()}).
 *
 * <h2>Method</h2>
 * Band-limited interpolation with a Kaiser-windowed sinc filter, evaluated as a polyphase filter. With the rates
 * reduced to lowest terms {@code out/in = L/M}, output sample {@code n} lies at input time {@code n*M/L}, so only
 * {@code L} distinct fractional positions occur; their filter taps are computed once and each output is one dot product
 * over the neighbouring input samples. For unusual rate pairs where {@code L} is large (44101 to 16000 gives
 * {@code L = 16000}) the taps are instead tabulated at 1024 positions and interpolated linearly between them, an
 * error far below 16-bit resolution.
 * <ul>
 * <li>The low-pass cutoff is {@value #CUTOFF} of the lower of the two Nyquist frequencies (7.2 kHz when producing
 * 16 kHz), which keeps the whole wideband speech band yet removes what would otherwise alias when downsampling
 * (44.1 kHz to 16 kHz would fold 8-22 kHz content back into the speech band).</li>
 * <li>{@value #ZERO_CROSSINGS} sinc zero crossings on each side and a Kaiser window with beta {@value #KAISER_BETA}
 * give a transition band that, when producing 16 kHz, runs from flat (within 0.01 dB) at 6.5 kHz to more than 80 dB
 * down at 8.2 kHz, so whatever would alias is suppressed by about 80 dB or more; each phase's taps are normalised to
 * unity DC gain.</li>
 * <li>The filter is symmetric and centred, so there is no delay: output {@code n} is the signal at input time
 * {@code n*in/out}.</li>
 * </ul>
 * Plain linear interpolation was rejected: it has no real low-pass (so downsampling aliases) and attenuates the upper
 * speech band. The cost here is small: about 150 multiply-adds per output sample for 44.1 kHz to 16 kHz.
 *
 * <h2>Streaming</h2>
 * The instance keeps the recent input history and the output position between calls, so the result does not depend on
 * how the input is cut into pieces (pieces may even split a sample's two bytes): streaming output is identical to the
 * one-shot output. Each call returns the outputs whose filter window is complete, holding back about
 * {@code ZERO_CROSSINGS / cutoff} input samples, about {@code 27 / min(in, out)} seconds (1.7 ms when producing 16 kHz
 * from a higher rate, 3.3 ms from 8 kHz), until more input or {@link #flush()} arrives.
 *
 * <p>The number of outputs for {@code N} input samples is {@code ceil(N * out / in)}: every output time that falls
 * within the input's span. When the rates are equal the input is passed through unchanged. Instances are not
 * thread-safe.
 */
public final class Resampler {

    /** Low-pass cutoff as a fraction of the lower Nyquist frequency. */
    public static final double CUTOFF = 0.9;
    /** Zero crossings of the windowed sinc on each side of its centre. */
    public static final int ZERO_CROSSINGS = 24;
    /** Kaiser window shape parameter. */
    public static final double KAISER_BETA = 8.0;

    /** Largest coefficient table (in doubles) built ahead; beyond it taps are interpolated, or computed per output. */
    private static final int MAX_TABLE = 1 << 20;
    /** Phases of the interpolated table used when the exact one would be too large. */
    private static final int INTERPOLATED_PHASES = 1024;
    private static final byte[] EMPTY = new byte[0];
    private static final int ONE_SHOT_PIECE = 1 << 16;
    private static final double I0_BETA = besselI0(KAISER_BETA);

    private final int inputRate;
    private final int outputRate;
    private final boolean identity;
    private final long up;
    private final long down;
    private final double cutoff;
    private final double halfWidth;
    private final int half;
    /** Exact taps per phase, when {@code up} phases fit in {@link #MAX_TABLE}. */
    private final double[][] table;
    /** Otherwise taps at {@link #INTERPOLATED_PHASES} + 1 evenly spaced positions, interpolated linearly. */
    private final double[][] coarse;
    private final double[] scratch;

    private double[] history;
    private long historyStart;
    private int historyLength;
    private long inputCount;
    private long nextOutput;
    private int carry = -1;
    private boolean finished;

    /**
     * @param inputRate the input sample rate in Hz
     * @param outputRate the output sample rate in Hz
     * @throws IllegalArgumentException if a rate is out of range 1..{@value PcmFormat#MAX_SAMPLE_RATE}
     */
    public Resampler(int inputRate, int outputRate) {
        checkRate(inputRate, "input");
        checkRate(outputRate, "output");
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.identity = inputRate == outputRate;
        long g = gcd(inputRate, outputRate);
        this.up = outputRate / g;
        this.down = inputRate / g;
        this.cutoff = CUTOFF * Math.min(1.0, (double) outputRate / inputRate);
        this.halfWidth = ZERO_CROSSINGS / cutoff;
        this.half = (int) Math.ceil(halfWidth);
        int taps = 2 * half;
        double[][] exact = null;
        double[][] interpolated = null;
        if (identity) {
            // no filter
        } else if (up * taps <= MAX_TABLE) {
            exact = new double[(int) up][taps];
            for (int p = 0; p < up; p++) {
                fillTaps((double) p / up, exact[p]);
            }
        } else if ((INTERPOLATED_PHASES + 1L) * taps <= MAX_TABLE) {
            interpolated = new double[INTERPOLATED_PHASES + 1][taps];
            for (int q = 0; q <= INTERPOLATED_PHASES; q++) {
                fillTaps((double) q / INTERPOLATED_PHASES, interpolated[q]);
            }
        }
        this.table = exact;
        this.coarse = interpolated;
        this.scratch = identity || exact != null || interpolated != null ? null : new double[taps];
        history = new double[Math.max(1024, taps * 2)];
        // the signal is taken as silent before its start
        historyStart = -half;
        historyLength = half;
    }

    /**
     * Resamples a whole buffer.
     *
     * @param pcm16 signed 16-bit little-endian mono; a trailing odd byte is ignored
     * @param inputRate its sample rate
     * @param outputRate the wanted sample rate
     * @return {@code ceil(samples * outputRate / inputRate)} samples at {@code outputRate}
     */
    public static byte[] resample(byte[] pcm16, int inputRate, int outputRate) {
        Resampler r = new Resampler(inputRate, outputRate);
        byte[] out = new byte[Math.toIntExact(outputSamples(pcm16.length / 2, inputRate, outputRate) * 2)];
        int o = 0;
        // in pieces, so the history buffer (8 bytes per sample) stays small whatever the input's size
        for (int off = 0; off < pcm16.length; off += ONE_SHOT_PIECE) {
            byte[] piece = r.process(pcm16, off, Math.min(ONE_SHOT_PIECE, pcm16.length - off));
            System.arraycopy(piece, 0, out, o, piece.length);
            o += piece.length;
        }
        byte[] last = r.flush();
        System.arraycopy(last, 0, out, o, last.length);
        return out;
    }

    /**
     * @param inputSamples number of input samples
     * @param inputRate input sample rate
     * @param outputRate output sample rate
     * @return the number of samples {@link #resample} produces for them
     */
    public static long outputSamples(long inputSamples, int inputRate, int outputRate) {
        long g = gcd(inputRate, outputRate);
        return ceilDiv(inputSamples * (outputRate / g), inputRate / g);
    }

    /** @return the input sample rate */
    public int inputRate() {
        return inputRate;
    }

    /** @return the output sample rate */
    public int outputRate() {
        return outputRate;
    }

    /**
     * @param pcm16 the next piece of input
     * @return the outputs it makes available (possibly empty)
     */
    public byte[] process(byte[] pcm16) {
        return process(pcm16, 0, pcm16.length);
    }

    /**
     * Feeds the next piece of input. The piece is held as history until processed, so feed long signals in pieces
     * (tens of kilobytes) rather than all at once.
     *
     * @param pcm16 buffer of signed 16-bit little-endian mono; a piece may end in the middle of a sample
     * @param off offset of the first byte
     * @param len number of bytes
     * @return the output samples whose filter window is now complete, 16-bit little-endian (possibly empty)
     * @throws IllegalStateException after {@link #flush()}
     */
    public byte[] process(byte[] pcm16, int off, int len) {
        Objects.checkFromIndexSize(off, len, pcm16.length);
        if (finished) {
            throw new IllegalStateException("resampler already flushed");
        }
        if (len == 0) {
            return EMPTY;
        }
        int samples = ((carry >= 0 ? 1 : 0) + len) / 2;
        if (identity) {
            byte[] out = new byte[samples * 2];
            int o = 0;
            if (carry >= 0 && samples > 0) {
                out[o++] = (byte) carry;
                carry = -1;
            }
            System.arraycopy(pcm16, off, out, o, out.length - o);
            int used = out.length - o;
            if (used < len) {
                carry = pcm16[off + len - 1] & 0xFF;
            }
            inputCount += samples;
            return out;
        }
        compact();
        ensureCapacity(historyLength + samples);
        int end = off + len;
        int h = historyLength;
        if (carry >= 0) {
            history[h++] = (short) (carry | pcm16[off++] << 8);
            carry = -1;
        }
        for (; off + 1 < end; off += 2) {
            history[h++] = (short) ((pcm16[off] & 0xFF) | pcm16[off + 1] << 8);
        }
        if (off < end) {
            carry = pcm16[off] & 0xFF;
        }
        historyLength = h;
        inputCount += samples;
        // outputs centred on input index i need inputs i-half+1 .. i+half; the first i lacking some of them:
        long firstIncomplete = historyStart + historyLength - half;
        long endOutput = firstIncomplete <= 0 ? 0 : ceilDiv(firstIncomplete * up, down);
        return generate(endOutput);
    }

    /**
     * Ends the stream: returns the remaining outputs, treating the signal as silent after its end. A trailing odd
     * byte is dropped. The instance cannot be used afterwards.
     *
     * @return the last output samples (possibly empty)
     * @throws IllegalStateException if already flushed
     */
    public byte[] flush() {
        if (finished) {
            throw new IllegalStateException("resampler already flushed");
        }
        finished = true;
        carry = -1;
        if (identity) {
            return EMPTY;
        }
        compact();
        ensureCapacity(historyLength + half);
        Arrays.fill(history, historyLength, historyLength + half, 0.0);
        historyLength += half;
        return generate(ceilDiv(inputCount * up, down));
    }

    private byte[] generate(long endOutput) {
        long count = endOutput - nextOutput;
        if (count <= 0) {
            return EMPTY;
        }
        byte[] out = new byte[Math.toIntExact(count * 2)];
        int o = 0;
        int taps = 2 * half;
        for (long n = nextOutput; n < endOutput; n++) {
            long pos = n * down;
            long i = Math.floorDiv(pos, up);
            int phase = (int) (pos - i * up);
            int start = (int) (i - half + 1 - historyStart);
            double acc = 0;
            if (coarse != null) {
                double q = (double) phase * INTERPOLATED_PHASES / up;
                int qi = (int) q;
                double t = q - qi;
                double[] a = coarse[qi];
                double[] b = coarse[qi + 1];
                for (int j = 0; j < taps; j++) {
                    acc += (a[j] + t * (b[j] - a[j])) * history[start + j];
                }
            } else {
                double[] c;
                if (table != null) {
                    c = table[phase];
                } else {
                    fillTaps((double) phase / up, scratch);
                    c = scratch;
                }
                for (int j = 0; j < taps; j++) {
                    acc += c[j] * history[start + j];
                }
            }
            int s = PcmConverter.clip16(Math.round(acc));
            out[o++] = (byte) s;
            out[o++] = (byte) (s >> 8);
        }
        nextOutput = endOutput;
        return out;
    }

    /**
     * Computes the taps, normalised to unity gain, for an output at input time {@code i + frac} ({@code 0 <= frac <= 1});
     * tap {@code j} weighs input {@code i - half + 1 + j}.
     */
    private void fillTaps(double frac, double[] c) {
        double sum = 0;
        for (int j = 0; j < c.length; j++) {
            double d = frac + half - 1 - j;
            double v = 0;
            if (Math.abs(d) < halfWidth) {
                double x = d / halfWidth;
                v = cutoff * sinc(cutoff * d) * besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / I0_BETA;
            }
            c[j] = v;
            sum += v;
        }
        for (int j = 0; j < c.length; j++) {
            c[j] /= sum;
        }
    }

    /** Drops history no longer needed by the next output. */
    private void compact() {
        long needed = Math.floorDiv(nextOutput * down, up) - half + 1;
        int drop = (int) Math.min(historyLength, needed - historyStart);
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyLength -= drop;
            historyStart += drop;
        }
    }

    private void ensureCapacity(int n) {
        if (n > history.length) {
            history = Arrays.copyOf(history, Math.max(n, history.length * 2));
        }
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1.0;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static void checkRate(int rate, String which) {
        if (rate < 1 || rate > PcmFormat.MAX_SAMPLE_RATE) {
            throw new IllegalArgumentException(which + " sample rate " + rate + " Hz is out of range 1.."
                    + PcmFormat.MAX_SAMPLE_RATE);
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    @Override
    public String toString() {
        return "Resampler[" + inputRate + " Hz -> " + outputRate + " Hz]";
    }
}
