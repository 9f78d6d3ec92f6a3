package dev.geminilive.audio;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads audio from an upstream, converts it to 16-bit mono and resamples it, a block at a time, so that memory use does
 * not depend on the stream's length. Either stage may be absent. Closing closes the upstream.
 */
final class PcmPipelineInputStream extends InputStream {

    private static final byte[] EMPTY = new byte[0];
    private static final int BLOCK = 8192;

    private final InputStream upstream;
    private final PcmConverter converter;
    private final Resampler resampler;
    private final byte[] block = new byte[BLOCK];
    private byte[] out = EMPTY;
    private int pos;
    private boolean ended;

    /**
     * @param upstream audio in the converter's source format (or 16-bit mono if there is no converter)
     * @param converter to 16-bit mono, or null if the upstream is already 16-bit mono
     * @param resampler applied after conversion, or null to keep the rate
     */
    PcmPipelineInputStream(InputStream upstream, PcmConverter converter, Resampler resampler) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.converter = converter;
        this.resampler = resampler;
    }

    @Override
    public int read() throws IOException {
        if (pos < out.length) {
            return out[pos++] & 0xFF;
        }
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (pos == out.length) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(len, out.length - pos);
        System.arraycopy(out, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return out.length - pos;
    }

    private void fill() throws IOException {
        int n = upstream.read(block, 0, BLOCK);
        pos = 0;
        if (n < 0) {
            ended = true;
            out = resampler != null ? resampler.flush() : EMPTY;
            return;
        }
        byte[] pcm = converter != null ? converter.convert(block, 0, n) : null;
        if (resampler != null) {
            out = pcm != null ? resampler.process(pcm) : resampler.process(block, 0, n);
        } else {
            out = pcm != null ? pcm : Arrays.copyOf(block, n);
        }
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
