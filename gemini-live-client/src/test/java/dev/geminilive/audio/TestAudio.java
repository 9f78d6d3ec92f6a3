package dev.geminilive.audio;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Signal generators, encoders, RIFF assembly and analysis helpers for the audio tests. */
final class TestAudio {

    private TestAudio() {
    }

    /** @return n samples of a sine of peak {@code amplitude} (relative to full scale) */
    static double[] tone(int rate, double hz, double amplitude, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * hz * i / rate);
        }
        return x;
    }

    /** Interleaves the channels and encodes each value (nominally within [-1, 1]) in {@code format}. */
    static byte[] encode(PcmFormat format, double[]... channels) {
        if (channels.length != format.channels()) {
            throw new IllegalArgumentException("channel count mismatch");
        }
        int frames = channels[0].length;
        int bytes = format.bytesPerSample();
        ByteBuffer b = ByteBuffer.allocate(frames * format.frameSize()).order(format.byteOrder());
        for (int f = 0; f < frames; f++) {
            for (double[] ch : channels) {
                double v = Math.max(-1, Math.min(1, ch[f]));
                switch (format.encoding()) {
                    case FLOAT -> {
                        if (bytes == 4) {
                            b.putFloat((float) v);
                        } else {
                            b.putDouble(v);
                        }
                    }
                    case SIGNED_INT, UNSIGNED_INT -> {
                        long full = 1L << (format.bitsPerSample() - 1);
                        long s = Math.max(-full, Math.min(full - 1, Math.round(v * full)));
                        if (format.encoding() == PcmFormat.Encoding.UNSIGNED_INT) {
                            s += full;
                        }
                        putInt(b, s, bytes, format.byteOrder());
                    }
                }
            }
        }
        return b.array();
    }

    private static void putInt(ByteBuffer b, long v, int bytes, ByteOrder order) {
        for (int i = 0; i < bytes; i++) {
            int shift = order == ByteOrder.LITTLE_ENDIAN ? 8 * i : 8 * (bytes - 1 - i);
            b.put((byte) (v >> shift));
        }
    }

    /** Assembles RIFF files chunk by chunk, padding odd-sized chunks. */
    static final class Riff {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final String id;
        private Long riffSizeOverride;

        private Riff(String id) {
            this.id = id;
            body.writeBytes(ascii("WAVE"));
        }

        static Riff wave() {
            return new Riff("RIFF");
        }

        static Riff rf64() {
            return new Riff("RF64");
        }

        Riff chunk(String chunkId, byte[] data) {
            return chunk(chunkId, data, data.length);
        }

        /** Writes a chunk whose header declares {@code declaredSize} but which holds {@code data}. */
        Riff chunk(String chunkId, byte[] data, long declaredSize) {
            body.writeBytes(ascii(chunkId));
            body.writeBytes(le32(declaredSize));
            body.writeBytes(data);
            if ((data.length & 1) != 0) {
                body.write(0);
            }
            return this;
        }

        Riff riffSize(long size) {
            riffSizeOverride = size;
            return this;
        }

        byte[] build() {
            byte[] b = body.toByteArray();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(ascii(id));
            out.writeBytes(le32(riffSizeOverride != null ? riffSizeOverride : b.length));
            out.writeBytes(b);
            return out.toByteArray();
        }
    }

    /** A 16-byte fmt chunk body. */
    static byte[] fmt(int tag, int channels, int rate, int blockAlign, int bits) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag)
                .putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) bits).array();
    }

    /** A 16-byte fmt chunk body describing {@code format} plainly. */
    static byte[] fmt(PcmFormat format) {
        return fmt(format.encoding() == PcmFormat.Encoding.FLOAT ? 3 : 1, format.channels(), format.sampleRate(),
                format.frameSize(), format.bitsPerSample());
    }

    /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk body with sub-format {@code subTag}. */
    static byte[] fmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits, int mask) {
        int blockAlign = channels * containerBits / 8;
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFE)
                .putShort((short) channels).putInt(rate).putInt(rate * blockAlign).putShort((short) blockAlign)
                .putShort((short) containerBits).putShort((short) 22).putShort((short) validBits).putInt(mask)
                .putShort((short) subTag).put(WavReader.GUID_SUFFIX);
        return b.array();
    }

    static byte[] le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Amplitude (relative to full scale) of the {@code hz} component, by the Goertzel algorithm over the whole buffer.
     */
    static double goertzel(short[] x, int rate, double hz) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short v : x) {
            double s = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / x.length / 32768.0;
    }

    static double goertzel(byte[] pcm16, int rate, double hz) {
        return goertzel(Pcm.toSamples(pcm16), rate, hz);
    }

    /** @return the number of sign changes */
    static int zeroCrossings(short[] x) {
        int n = 0;
        for (int i = 1; i < x.length; i++) {
            if ((x[i - 1] < 0) != (x[i] < 0)) {
                n++;
            }
        }
        return n;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /** @return a copy of {@code x} from {@code from} to {@code to} samples */
    static short[] slice(short[] x, int from, int to) {
        short[] r = new short[to - from];
        System.arraycopy(x, from, r, 0, r.length);
        return r;
    }

    /**
     * Returns at most a few bytes per read, cycling through odd sizes, and counts what it has delivered, like a slow
     * network body.
     */
    static final class TrickleInputStream extends FilterInputStream {
        private static final int[] SIZES = {1, 7, 13, 3, 333, 5, 1021, 11};
        private int next;
        long delivered;

        TrickleInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                delivered++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, Math.min(len, SIZES[next++ % SIZES.length]));
            if (n > 0) {
                delivered += n;
            }
            return n;
        }
    }

    /** An endless-looking stream that generates bytes on demand from a repeating pattern, up to {@code length}. */
    static final class GeneratedInputStream extends InputStream {
        private final byte[] header;
        private final byte[] pattern;
        private final long length;
        private long pos;

        GeneratedInputStream(byte[] header, byte[] pattern, long length) {
            this.header = header;
            this.pattern = pattern;
            this.length = length;
        }

        long position() {
            return pos;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - pos);
            for (int i = 0; i < n; i++, pos++) {
                b[off + i] = pos < header.length ? header[(int) pos]
                        : pattern[(int) ((pos - header.length) % pattern.length)];
            }
            return n;
        }
    }
}
