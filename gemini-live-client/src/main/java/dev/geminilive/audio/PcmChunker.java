package dev.geminilive.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Cuts PCM audio into chunks of a fixed duration, for sending to the Live API one realtime-input message at a time.
 *
 * <p>Every chunk holds whole frames. All chunks but the last hold exactly {@link #chunkBytes()} bytes, that is
 * {@code floor(sampleRate * chunkMillis / 1000)} frames (1600 samples, 3200 bytes, for 100 ms of 16 kHz 16-bit mono);
 * the last may be shorter. Bytes of a trailing partial frame are dropped. Input can be a byte array, a
 * {@link ByteBuffer} or an {@link InputStream}; a stream is read incrementally, one chunk at a time, so its length is
 * unbounded.
 *
 * <p>Instances are immutable and thread-safe; the iterators they return are not.
 */
public final class PcmChunker {

    /** The default chunk duration. */
    public static final int DEFAULT_CHUNK_MILLIS = 100;

    private final PcmFormat format;
    private final int chunkMillis;
    private final int chunkBytes;

    /** Receives chunks one by one; may throw {@link IOException}, for example when sending fails. */
    @FunctionalInterface
    public interface ChunkSink {
        /**
         * @param chunk the next chunk; the receiver owns the array
         * @throws IOException to stop chunking and propagate the failure
         */
        void accept(byte[] chunk) throws IOException;
    }

    /**
     * @param format the format of the audio to cut
     * @param chunkMillis chunk duration in milliseconds, at least 1
     * @throws IllegalArgumentException if the duration is not positive or the chunk would exceed 64 MiB
     */
    public PcmChunker(PcmFormat format, int chunkMillis) {
        this.format = Objects.requireNonNull(format, "format");
        if (chunkMillis < 1) {
            throw new IllegalArgumentException("chunk duration must be at least 1 ms, got " + chunkMillis);
        }
        long frames = Math.max(1, (long) format.sampleRate() * chunkMillis / 1000);
        long bytes = frames * format.frameSize();
        if (bytes > 64L << 20) {
            throw new IllegalArgumentException(chunkMillis + " ms chunks of " + format + " would be " + bytes
                    + " bytes; at most 64 MiB are allowed");
        }
        this.chunkMillis = chunkMillis;
        this.chunkBytes = (int) bytes;
    }

    /**
     * @param sampleRate rate of the 16-bit mono audio
     * @param chunkMillis chunk duration in milliseconds
     * @return a chunker for 16-bit little-endian mono at that rate
     */
    public static PcmChunker pcm16Mono(int sampleRate, int chunkMillis) {
        return new PcmChunker(PcmFormat.pcm16Mono(sampleRate), chunkMillis);
    }

    /** @return the audio format */
    public PcmFormat format() {
        return format;
    }

    /** @return the nominal chunk duration in milliseconds */
    public int chunkMillis() {
        return chunkMillis;
    }

    /** @return the size of every chunk but the last */
    public int chunkBytes() {
        return chunkBytes;
    }

    /**
     * @param pcm the audio; not modified, and read as the iteration proceeds
     * @return its chunks (copies)
     */
    public Iterator<byte[]> chunks(byte[] pcm) {
        return chunks(ByteBuffer.wrap(pcm));
    }

    /**
     * @param pcm the audio from its position to its limit; neither the buffer's content nor its position is changed
     * @return its chunks (copies)
     */
    public Iterator<byte[]> chunks(ByteBuffer pcm) {
        ByteBuffer b = pcm.duplicate();
        int usable = b.remaining() - b.remaining() % format.frameSize();
        b.limit(b.position() + usable);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return b.hasRemaining();
            }

            @Override
            public byte[] next() {
                if (!b.hasRemaining()) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = new byte[Math.min(chunkBytes, b.remaining())];
                b.get(chunk);
                return chunk;
            }
        };
    }

    /**
     * Iterates the chunks of a stream, reading each one only when asked for. Read errors surface as
     * {@link UncheckedIOException}. The stream is not closed.
     *
     * @param in the audio
     * @return its chunks
     */
    public Iterator<byte[]> chunks(InputStream in) {
        Objects.requireNonNull(in, "in");
        return new Iterator<>() {
            private byte[] next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    try {
                        next = readChunk(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    done = next == null;
                }
                return next != null;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = next;
                next = null;
                return chunk;
            }
        };
    }

    /**
     * Reads a stream to its end, handing each chunk to {@code sink} as soon as it is complete. The stream is not closed.
     *
     * @param in the audio
     * @param sink receives the chunks in order
     * @return the number of audio bytes delivered
     * @throws IOException if reading fails or the sink throws
     */
    public long forEachChunk(InputStream in, ChunkSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        long total = 0;
        byte[] chunk;
        while ((chunk = readChunk(in)) != null) {
            total += chunk.length;
            sink.accept(chunk);
        }
        return total;
    }

    /**
     * Reads the next chunk: a full one, or at the end of the stream whatever whole frames remain. A full chunk is read
     * straight into the array returned; at the end of the stream nothing is allocated.
     *
     * @param in the audio
     * @return the chunk, or null at the end of the stream
     * @throws IOException if reading fails
     */
    public byte[] readChunk(InputStream in) throws IOException {
        // one byte first: at the end of the stream no chunk-sized buffer is allocated only to find nothing in it
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] buf = new byte[chunkBytes];
        buf[0] = (byte) first;
        int n = 1 + in.readNBytes(buf, 1, chunkBytes - 1);
        if (n == chunkBytes) {
            return buf;
        }
        int whole = n - n % format.frameSize();
        return whole == 0 ? null : Arrays.copyOf(buf, whole);
    }

    /**
     * Reads the next chunk into a buffer the caller reuses: no allocation at all.
     *
     * @param in the audio
     * @param buf receives the chunk; at least {@link #chunkBytes()} long
     * @return the chunk's length in bytes: {@link #chunkBytes()} but at the end of the stream, where it is whatever
     *         whole frames remain; 0 at the end of the stream
     * @throws IOException if reading fails
     * @throws IllegalArgumentException if the buffer is shorter than a chunk
     */
    public int readChunk(InputStream in, byte[] buf) throws IOException {
        if (buf.length < chunkBytes) {
            throw new IllegalArgumentException("buffer of " + buf.length + " bytes is shorter than a chunk (" + chunkBytes + ")");
        }
        int n = in.readNBytes(buf, 0, chunkBytes);
        return n == chunkBytes ? n : n - n % format.frameSize();
    }

    /**
     * Reads a stream to its end through one buffer, handing each chunk to {@code sink} as {@code (buffer, length)}; the
     * buffer is reused for the next chunk, so the sink must copy what it keeps. The stream is not closed.
     *
     * @param in the audio
     * @param sink receives the chunks in order
     * @return the number of audio bytes delivered
     * @throws IOException if reading fails or the sink throws
     */
    public long forEachChunkReusing(InputStream in, ReusedChunkSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        byte[] buf = new byte[chunkBytes];
        long total = 0;
        int n;
        while ((n = readChunk(in, buf)) > 0) {
            total += n;
            sink.accept(buf, n);
        }
        return total;
    }

    /** Receives chunks in a reused buffer; may throw {@link IOException}, for example when sending fails. */
    @FunctionalInterface
    public interface ReusedChunkSink {
        /**
         * @param buffer holds the chunk in its first {@code length} bytes; overwritten by the next chunk
         * @param length the chunk's length
         * @throws IOException to stop chunking and propagate the failure
         */
        void accept(byte[] buffer, int length) throws IOException;
    }

    @Override
    public String toString() {
        return "PcmChunker[" + chunkMillis + " ms of " + format + " = " + chunkBytes + " bytes]";
    }
}
