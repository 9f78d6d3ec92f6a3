package dev.geminilive.audio;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Converts audio in any {@link PcmFormat} to signed 16-bit little-endian mono at the same sample rate.
 *
 * <p>Channels are downmixed by averaging. Samples are scaled to 16 bits, rounded to the nearest value (no dither) and
 * clipped to the 16-bit range; float samples beyond [-1, 1] are clipped and NaN becomes silence.
 *
 * <p>An instance converts a stream: {@link #convert(byte[], int, int)} may be fed pieces that split frames anywhere,
 * and holds the partial frame until the rest arrives. A partial frame still held at the end of the stream is dropped.
 * Instances are not thread-safe; {@link #toPcm16Mono(byte[], PcmFormat)} converts a whole buffer at once.
 */
public final class PcmConverter {

    private static final byte[] EMPTY = new byte[0];

    private final PcmFormat source;
    private final int frameSize;
    private final int bytesPerSample;
    private final boolean passThrough;
    private final byte[] pending;
    private int pendingLength;

    /** @param source the format of the input */
    public PcmConverter(PcmFormat source) {
        this.source = Objects.requireNonNull(source, "source");
        this.frameSize = source.frameSize();
        this.bytesPerSample = source.bytesPerSample();
        this.passThrough = source.isPcm16Mono();
        this.pending = new byte[frameSize];
    }

    /**
     * Converts a whole buffer. A trailing partial frame is dropped.
     *
     * @param data audio in {@code source} format
     * @param source its format
     * @return signed 16-bit little-endian mono at the source's sample rate
     */
    public static byte[] toPcm16Mono(byte[] data, PcmFormat source) {
        return new PcmConverter(source).convert(data, 0, data.length);
    }

    /** @return the input format */
    public PcmFormat source() {
        return source;
    }

    /** @return the output format: 16-bit mono at the source's rate */
    public PcmFormat target() {
        return PcmFormat.pcm16Mono(source.sampleRate());
    }

    /** @return bytes of an incomplete frame held back from earlier input */
    public int pendingBytes() {
        return pendingLength;
    }

    /**
     * @param data the next piece of input
     * @return the converted whole frames it completes (possibly empty)
     */
    public byte[] convert(byte[] data) {
        return convert(data, 0, data.length);
    }

    /**
     * Converts the next piece of input.
     *
     * @param data buffer holding input in the source format
     * @param off offset of the first byte
     * @param len number of bytes
     * @return the converted whole frames available so far, as 16-bit little-endian mono (possibly empty)
     */
    public byte[] convert(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        int total = pendingLength + len;
        int frames = total / frameSize;
        if (frames == 0) {
            System.arraycopy(data, off, pending, pendingLength, len);
            pendingLength += len;
            return EMPTY;
        }
        byte[] out = new byte[frames * 2];
        int o = 0;
        if (pendingLength > 0) {
            int fill = frameSize - pendingLength;
            System.arraycopy(data, off, pending, pendingLength, fill);
            off += fill;
            len -= fill;
            o = convertFrames(pending, 0, 1, out, 0);
            pendingLength = 0;
        }
        int whole = len / frameSize;
        o = convertFrames(data, off, whole, out, o);
        int rest = len - whole * frameSize;
        System.arraycopy(data, off + whole * frameSize, pending, 0, rest);
        pendingLength = rest;
        assert o == out.length;
        return out;
    }

    private int convertFrames(byte[] in, int off, int frames, byte[] out, int o) {
        if (passThrough) {
            System.arraycopy(in, off, out, o, frames * 2);
            return o + frames * 2;
        }
        int channels = source.channels();
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(in, off);
                off += bytesPerSample;
            }
            int s = clip16(Math.round(sum / channels * 32768.0));
            out[o++] = (byte) s;
            out[o++] = (byte) (s >> 8);
        }
        return o;
    }

    /** Decodes one sample at {@code off} to a value nominally within [-1, 1). */
    private double sample(byte[] b, int off) {
        int bits = source.bitsPerSample();
        long raw = 0;
        if (source.byteOrder() == ByteOrder.LITTLE_ENDIAN) {
            for (int i = bytesPerSample - 1; i >= 0; i--) {
                raw = raw << 8 | (b[off + i] & 0xFF);
            }
        } else {
            for (int i = 0; i < bytesPerSample; i++) {
                raw = raw << 8 | (b[off + i] & 0xFF);
            }
        }
        switch (source.encoding()) {
            case SIGNED_INT:
                return (raw << (64 - bits) >> (64 - bits)) / (double) (1L << (bits - 1));
            case UNSIGNED_INT:
                return (raw - (1L << (bits - 1))) / (double) (1L << (bits - 1));
            default:
                double v = bits == 32 ? Float.intBitsToFloat((int) raw) : Double.longBitsToDouble(raw);
                return Double.isNaN(v) ? 0.0 : Math.max(-1.0, Math.min(1.0, v));
        }
    }

    static int clip16(long v) {
        return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }

    @Override
    public String toString() {
        return "PcmConverter[" + source + " -> " + target() + "]";
    }
}
