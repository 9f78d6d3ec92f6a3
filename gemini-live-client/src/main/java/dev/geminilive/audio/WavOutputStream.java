package dev.geminilive.audio;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes a WAV file as its audio arrives: the 44-byte header first, then every byte written to this stream.
 *
 * <p>With a known data length the header is exact, and {@link #close()} fails if a different number of bytes was
 * written. With an unknown length (-1) the header carries {@code 0xFFFFFFFF} sizes, as streaming writers do (most
 * players and {@link WavReader} then read to the end); {@link WavWriter#fixSizes(java.nio.file.Path)} can patch a file
 * afterwards. Not thread-safe.
 */
public final class WavOutputStream extends FilterOutputStream {

    private final PcmFormat format;
    private final long declaredLength;
    private long written;
    private boolean closed;

    WavOutputStream(OutputStream out, PcmFormat format, long dataLength) throws IOException {
        super(Objects.requireNonNull(out, "out"));
        this.format = format;
        this.declaredLength = dataLength < 0 ? -1 : dataLength;
        out.write(WavWriter.header(format, declaredLength));
    }

    /** @return the sample format declared in the header */
    public PcmFormat format() {
        return format;
    }

    /** @return data bytes written so far (excluding the header) */
    public long dataBytesWritten() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        checkRoom(1);
        out.write(b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkRoom(len);
        out.write(b, off, len);
        written += len;
    }

    private void checkRoom(int len) throws IOException {
        if (closed) {
            throw new IOException("WAV stream is closed");
        }
        if (declaredLength >= 0 && written + len > declaredLength) {
            throw new IOException("WAV header declared " + declaredLength + " data bytes; writing " + len
                    + " more after " + written + " would exceed it");
        }
    }

    /**
     * Writes the pad byte an odd-sized data chunk needs (known length only), then flushes and closes the underlying
     * stream.
     *
     * @throws IOException if fewer bytes were written than the header declared, or closing fails
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (declaredLength >= 0) {
                if (written != declaredLength) {
                    throw new IOException("WAV header declared " + declaredLength + " data bytes but " + written
                            + " were written");
                }
                if ((written & 1) != 0) {
                    out.write(0);
                }
            }
            out.flush();
        } finally {
            out.close();
        }
    }
}
