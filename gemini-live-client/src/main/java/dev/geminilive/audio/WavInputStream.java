package dev.geminilive.audio;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * The sample data of a WAV file, read incrementally after its header; obtained from {@link WavReader#open(InputStream)}.
 * Reads stop at the end of the {@code data} chunk, or at the end of the input when the data size is unknown or larger
 * than what is there. Bytes are returned exactly as stored, in {@link #format()}. Not thread-safe.
 */
public final class WavInputStream extends FilterInputStream {

    /**
     * Declared data sizes from this one up are taken as the placeholders streaming writers leave (e.g. espeak-ng
     * {@code --stdout} writes {@code 0x7FFFF000}), never as a real size, so such input is never called truncated.
     */
    public static final long PLACEHOLDER_DATA_LENGTH = 0x7F000000L;

    private final PcmFormat format;
    private final long declaredLength;
    private long remaining;
    private boolean refuseTruncation;

    WavInputStream(InputStream in, PcmFormat format, long declaredLength) {
        super(in);
        this.format = format;
        this.declaredLength = declaredLength;
        this.remaining = declaredLength < 0 ? Long.MAX_VALUE : declaredLength;
    }

    /**
     * Makes the end of the input before the end of a declared {@code data} chunk an error: reads then throw an
     * {@link AudioFormatException} saying how much is missing, instead of ending the data early. Unknown sizes and
     * placeholders ({@link #PLACEHOLDER_DATA_LENGTH} and up) still read to the end of the input, and a shortfall of less
     * than one frame is tolerated.
     *
     * @return this stream
     */
    public WavInputStream refusingTruncation() {
        this.refuseTruncation = true;
        return this;
    }

    /** @return the format of the sample data */
    public PcmFormat format() {
        return format;
    }

    /**
     * @return the data size the header declares, or empty when it is unknown (size 0 or {@code 0xFFFFFFFF}, as written
     *         by streaming writers)
     */
    public OptionalLong declaredDataLength() {
        return declaredLength < 0 ? OptionalLong.empty() : OptionalLong.of(declaredLength);
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b >= 0) {
            remaining--;
        } else {
            checkComplete();
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        } else if (n < 0) {
            checkComplete();
        }
        return n;
    }

    /** The input ended with {@code remaining} bytes of the data chunk still to come. */
    private void checkComplete() {
        if (refuseTruncation && declaredLength >= 0 && declaredLength < PLACEHOLDER_DATA_LENGTH && remaining >= format.frameSize()) {
            throw new AudioFormatException("WAV data is truncated: the 'data' chunk declares " + declaredLength
                    + " bytes but the input ends after " + (declaredLength - remaining));
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, remaining));
        if (skipped > 0) {
            remaining -= skipped;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
