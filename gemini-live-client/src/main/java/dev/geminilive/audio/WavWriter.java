package dev.geminilive.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes WAV files with the canonical 44-byte header ({@code RIFF}, a 16-byte {@code fmt } chunk, {@code data}).
 *
 * <p>{@link #toWav(byte[], int)} wraps a complete buffer of 16-bit mono PCM, such as a Live API reply at 24 kHz.
 * {@link #stream(OutputStream, int)} writes the header first and the audio as it arrives, for replies whose length is
 * not known in advance; see {@link WavOutputStream}.
 */
public final class WavWriter {

    /** Size of the header this class writes. */
    public static final int HEADER_SIZE = 44;

    /** Value written for sizes not known when the header is written, as streaming writers do. */
    static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    private WavWriter() {
    }

    /**
     * Wraps 16-bit little-endian mono PCM in a WAV file.
     *
     * @param pcm16Mono the samples
     * @param sampleRate their rate in Hz
     * @return the WAV file's bytes
     */
    public static byte[] toWav(byte[] pcm16Mono, int sampleRate) {
        return toWav(pcm16Mono, PcmFormat.pcm16Mono(sampleRate));
    }

    /**
     * Wraps PCM in a WAV file. The data is copied after the header, followed by a pad byte if its length is odd.
     *
     * @param data sample data in {@code format}
     * @param format a format WAV can hold: little-endian, 8-bit unsigned, 16/24/32-bit signed, or 32/64-bit float
     * @return the WAV file's bytes
     * @throws AudioFormatException if WAV cannot hold the format, or the data exceeds WAV's 4 GiB limit
     */
    public static byte[] toWav(byte[] data, PcmFormat format) {
        Objects.requireNonNull(data, "data");
        byte[] header = header(format, data.length);
        byte[] wav = new byte[HEADER_SIZE + data.length + (data.length & 1)];
        System.arraycopy(header, 0, wav, 0, HEADER_SIZE);
        System.arraycopy(data, 0, wav, HEADER_SIZE, data.length);
        return wav;
    }

    /**
     * Builds a 44-byte WAV header.
     *
     * @param format the sample format; see {@link #toWav(byte[], PcmFormat)}
     * @param dataLength bytes of sample data that will follow, or -1 if unknown ({@code 0xFFFFFFFF} is then written
     *            for the sizes)
     * @return the header
     * @throws AudioFormatException if WAV cannot hold the format or the length
     */
    public static byte[] header(PcmFormat format, long dataLength) {
        int tag = formatTag(format);
        long riffSize;
        long dataSize;
        if (dataLength < 0) {
            riffSize = UNKNOWN_SIZE;
            dataSize = UNKNOWN_SIZE;
        } else {
            riffSize = 36 + dataLength + (dataLength & 1);
            dataSize = dataLength;
            if (riffSize >= UNKNOWN_SIZE) {
                throw new AudioFormatException(dataLength + " bytes of audio exceed the 4 GiB limit of a WAV file");
            }
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16);
        b.putShort((short) tag);
        b.putShort((short) format.channels());
        b.putInt(format.sampleRate());
        b.putInt((int) format.bytesPerSecond());
        b.putShort((short) format.frameSize());
        b.putShort((short) format.bitsPerSample());
        b.put(ascii("data")).putInt((int) dataSize);
        return b.array();
    }

    /**
     * Starts a WAV stream of 16-bit mono PCM of unknown length; see {@link WavOutputStream}.
     *
     * @param out where to write; closed with the returned stream
     * @param sampleRate the rate in Hz
     * @return a stream to write the samples to
     * @throws IOException if writing the header fails
     */
    public static WavOutputStream stream(OutputStream out, int sampleRate) throws IOException {
        return new WavOutputStream(out, PcmFormat.pcm16Mono(sampleRate), -1);
    }

    /**
     * Starts a WAV stream.
     *
     * @param out where to write; closed with the returned stream
     * @param format the sample format; see {@link #toWav(byte[], PcmFormat)}
     * @param dataLength the exact number of data bytes that will be written, or -1 if unknown
     * @return a stream to write the samples to
     * @throws IOException if writing the header fails
     */
    public static WavOutputStream stream(OutputStream out, PcmFormat format, long dataLength) throws IOException {
        return new WavOutputStream(out, format, dataLength);
    }

    /**
     * Rewrites the RIFF and data sizes of a WAV file whose data chunk runs to the end of the file, such as one written
     * through {@link #stream(OutputStream, int)} with an unknown length. Appends a pad byte if the data length is odd.
     *
     * @param wavFile the file to fix in place
     * @throws IOException if it cannot be read or written
     * @throws AudioFormatException if it is not a WAV file with a data chunk
     */
    public static void fixSizes(Path wavFile) throws IOException {
        try (FileChannel ch = FileChannel.open(wavFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, h, 0);
            if (!WavReader.isWav(h.array())) {
                throw new AudioFormatException(wavFile + " is not a WAV file");
            }
            long pos = 12;
            long size = ch.size();
            ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (true) {
                chunk.clear();
                if (pos + 8 > size) {
                    throw new AudioFormatException(wavFile + " has no 'data' chunk");
                }
                readFully(ch, chunk, pos);
                String id = new String(chunk.array(), 0, 4, StandardCharsets.ISO_8859_1);
                long len = chunk.getInt(4) & 0xFFFFFFFFL;
                if (id.equals("data")) {
                    long dataStart = pos + 8;
                    long dataLength = size - dataStart;
                    if ((dataLength & 1) != 0) {
                        ch.write(ByteBuffer.wrap(new byte[1]), size);
                        size++;
                    }
                    if (size - 8 >= UNKNOWN_SIZE) {
                        throw new AudioFormatException(wavFile + " exceeds the 4 GiB limit of a WAV file");
                    }
                    writeU32(ch, 4, size - 8);
                    writeU32(ch, pos + 4, dataLength);
                    return;
                }
                pos += 8 + len + (len & 1);
            }
        }
    }

    static int formatTag(PcmFormat format) {
        Objects.requireNonNull(format, "format");
        boolean ok = switch (format.encoding()) {
            case UNSIGNED_INT -> format.bitsPerSample() == 8;
            case SIGNED_INT -> format.bitsPerSample() > 8 && format.byteOrder() == ByteOrder.LITTLE_ENDIAN;
            case FLOAT -> format.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        };
        if (!ok) {
            throw new AudioFormatException("WAV cannot hold " + format
                    + "; it stores 8-bit unsigned, or little-endian signed/float samples");
        }
        return format.encoding() == PcmFormat.Encoding.FLOAT ? WavReader.TAG_IEEE_FLOAT : WavReader.TAG_PCM;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos + b.position());
            if (n < 0) {
                throw new AudioFormatException("WAV header is truncated");
            }
        }
    }

    private static void writeU32(FileChannel ch, long pos, long value) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value);
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b, pos + b.position());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
