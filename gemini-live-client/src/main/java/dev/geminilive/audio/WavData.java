package dev.geminilive.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * The sample data of a WAV file together with its format, as returned by {@link WavReader#read(byte[])}. Immutable:
 * the data is held privately and {@link #data()} returns a copy.
 */
public final class WavData {

    private final PcmFormat format;
    private final byte[] data;

    /**
     * @param format the sample format
     * @param data whole frames of sample data in {@code format}; copied
     * @throws IllegalArgumentException if the data is not a whole number of frames
     */
    public WavData(PcmFormat format, byte[] data) {
        this.format = Objects.requireNonNull(format, "format");
        Objects.requireNonNull(data, "data");
        if (data.length % format.frameSize() != 0) {
            throw new IllegalArgumentException(data.length + " bytes are not a whole number of " + format.frameSize()
                    + "-byte frames");
        }
        this.data = data.clone();
    }

    /** @return the sample format */
    public PcmFormat format() {
        return format;
    }

    /** @return a copy of the sample data */
    public byte[] data() {
        return data.clone();
    }

    /** @return a read-only view of the sample data, without copying, in the format's byte order */
    public ByteBuffer dataBuffer() {
        return ByteBuffer.wrap(data).asReadOnlyBuffer().order(format.byteOrder());
    }

    /** @return the number of bytes of sample data */
    public int dataLength() {
        return data.length;
    }

    /** @return the number of frames (samples per channel) */
    public int frameCount() {
        return data.length / format.frameSize();
    }

    /** @return the playing time */
    public Duration duration() {
        return Duration.ofNanos(Math.round(frameCount() * 1e9 / format.sampleRate()));
    }

    @Override
    public String toString() {
        return "WavData[" + format + ", " + frameCount() + " frames]";
    }
}
