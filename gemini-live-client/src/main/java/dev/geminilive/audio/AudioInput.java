package dev.geminilive.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a user's audio into what the Live API takes: 16-bit little-endian mono PCM at 16 kHz
 * ({@code audio/pcm;rate=16000}), cut into chunks of a fixed duration.
 *
 * <p>Accepted input:
 * <ul>
 * <li>WAV (recognised from its first bytes whatever the MIME type says, or labelled {@code audio/wav} and its
 * aliases): decoded with {@link WavReader}, converted to 16-bit mono with {@link PcmConverter}, and resampled with
 * {@link Resampler} if its rate differs;</li>
 * <li>raw PCM labelled as {@link PcmFormat#parseMimeType(String)} understands, e.g. {@code audio/pcm;rate=24000} or
 * {@code audio/L16;rate=8000}: converted and resampled as needed. {@code audio/pcm;rate=16000} passes through
 * untouched.</li>
 * </ul>
 * Since a WAV body is always recognised, a caller may pass its configured default MIME type (such as
 * {@code audio/pcm;rate=16000}) when a message carries none. Without a MIME type, a body that is not WAV is refused.
 *
 * <p>Streams are processed as they are read, a block at a time; only the WAV header is read up front, so format errors
 * surface before any chunk is produced. Instances are immutable and thread-safe.
 */
public final class AudioInput {

    /** The Live API's input sample rate. */
    public static final int TARGET_RATE = 16_000;

    private final int targetRate;
    private final PcmChunker chunker;
    private final boolean refuseTruncatedWav;

    /** 16 kHz output in chunks of {@value PcmChunker#DEFAULT_CHUNK_MILLIS} ms. */
    public AudioInput() {
        this(TARGET_RATE, PcmChunker.DEFAULT_CHUNK_MILLIS);
    }

    /** @param chunkMillis chunk duration in milliseconds (16 kHz output) */
    public AudioInput(int chunkMillis) {
        this(TARGET_RATE, chunkMillis);
    }

    /**
     * @param targetRate the output sample rate in Hz
     * @param chunkMillis chunk duration in milliseconds
     */
    public AudioInput(int targetRate, int chunkMillis) {
        this(targetRate, chunkMillis, false);
    }

    private AudioInput(int targetRate, int chunkMillis, boolean refuseTruncatedWav) {
        this.targetRate = targetRate;
        this.chunker = PcmChunker.pcm16Mono(targetRate, chunkMillis);
        this.refuseTruncatedWav = refuseTruncatedWav;
    }

    /**
     * @return the same conversion, except that a WAV input ending before the size its {@code data} chunk declares (a
     *         file cut short) fails with an {@link AudioFormatException} when its end is read, instead of being taken as
     *         shorter audio; see {@link WavInputStream#refusingTruncation()}
     */
    public AudioInput refusingTruncatedWav() {
        return new AudioInput(targetRate, chunker.chunkMillis(), true);
    }

    /** @return the output sample rate */
    public int targetRate() {
        return targetRate;
    }

    /** @return the output format: 16-bit little-endian mono at {@link #targetRate()} */
    public PcmFormat targetFormat() {
        return chunker.format();
    }

    /** @return the output's MIME type, e.g. {@code audio/pcm;rate=16000} */
    public String targetMimeType() {
        return targetFormat().toMimeType();
    }

    /** @return the chunk duration in milliseconds */
    public int chunkMillis() {
        return chunker.chunkMillis();
    }

    /** @return the size of every chunk but the last */
    public int chunkBytes() {
        return chunker.chunkBytes();
    }

    /**
     * @param mimeType a MIME type, possibly with parameters, possibly null
     * @return true if it names WAV ({@code audio/wav}, {@code audio/x-wav}, {@code audio/wave}, {@code audio/vnd.wave})
     */
    public static boolean isWavMimeType(String mimeType) {
        return switch (baseType(mimeType)) {
            case "audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave", "audio/x-pn-wav" -> true;
            default -> false;
        };
    }

    /**
     * Opens a stream of the converted audio. Reads and checks the input's header now; the rest is converted as the
     * returned stream is read.
     *
     * @param body the input audio; closed when the returned stream is closed
     * @param mimeType its MIME type, or null to accept only WAV
     * @return 16-bit little-endian mono at {@link #targetRate()}
     * @throws AudioFormatException if the input's format is unsupported or malformed
     * @throws IOException if reading the header fails
     */
    public InputStream open(InputStream body, String mimeType) throws IOException {
        Objects.requireNonNull(body, "body");
        PushbackInputStream in = new PushbackInputStream(body, WavReader.SNIFF_LENGTH);
        byte[] head = in.readNBytes(WavReader.SNIFF_LENGTH);
        in.unread(head);
        InputStream data;
        PcmFormat source;
        if (WavReader.isWav(head)) {
            WavInputStream wav = WavReader.open(in);
            if (refuseTruncatedWav) {
                wav.refusingTruncation();
            }
            source = wav.format();
            data = wav;
        } else {
            source = rawFormat(mimeType, head.length);
            data = in;
        }
        PcmConverter converter = source.isPcm16Mono() ? null : new PcmConverter(source);
        Resampler resampler = source.sampleRate() == targetRate ? null : new Resampler(source.sampleRate(), targetRate);
        if (converter == null && resampler == null) {
            return data;
        }
        return new PcmPipelineInputStream(data, converter, resampler);
    }

    /**
     * Converts a whole body.
     *
     * @param body the input audio
     * @param mimeType its MIME type, or null to accept only WAV
     * @return 16-bit little-endian mono at {@link #targetRate()}, whole samples
     * @throws AudioFormatException if the input's format is unsupported or malformed
     */
    public byte[] toPcm(byte[] body, String mimeType) {
        try (InputStream in = open(new ByteArrayInputStream(body), mimeType)) {
            byte[] pcm = in.readAllBytes();
            return (pcm.length & 1) == 0 ? pcm : Arrays.copyOf(pcm, pcm.length - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for in-memory input
        }
    }

    /**
     * Converts and chunks a body held in memory; the conversion proceeds as the iteration does.
     *
     * @param body the input audio
     * @param mimeType its MIME type, or null to accept only WAV
     * @return chunks of {@link #chunkMillis()} ms (the last may be shorter)
     * @throws AudioFormatException if the input's format is unsupported or malformed
     */
    public Iterator<byte[]> chunks(byte[] body, String mimeType) {
        try {
            return chunker.chunks(open(new ByteArrayInputStream(body), mimeType));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown for in-memory input
        }
    }

    /**
     * Converts and chunks a stream, reading it only as chunks are requested. The iterator reports read errors as
     * {@link UncheckedIOException}. The stream is not closed.
     *
     * @param body the input audio
     * @param mimeType its MIME type, or null to accept only WAV
     * @return chunks of {@link #chunkMillis()} ms (the last may be shorter)
     * @throws AudioFormatException if the input's format is unsupported or malformed
     * @throws IOException if reading the header fails
     */
    public Iterator<byte[]> chunks(InputStream body, String mimeType) throws IOException {
        return chunker.chunks(open(body, mimeType));
    }

    /**
     * Converts and chunks a stream to its end, handing each chunk to {@code sink} as soon as it is ready. The stream is
     * not closed.
     *
     * @param body the input audio
     * @param mimeType its MIME type, or null to accept only WAV
     * @param sink receives the chunks in order
     * @return the number of output bytes delivered
     * @throws AudioFormatException if the input's format is unsupported or malformed
     * @throws IOException if reading fails or the sink throws
     */
    public long forEachChunk(InputStream body, String mimeType, PcmChunker.ChunkSink sink) throws IOException {
        return chunker.forEachChunk(open(body, mimeType), sink);
    }

    private static PcmFormat rawFormat(String mimeType, int headLength) {
        String base = baseType(mimeType);
        if (isWavMimeType(mimeType)) {
            throw new AudioFormatException("body is labelled " + mimeType + " but is not a WAV file ("
                    + (headLength == 0 ? "it is empty" : "it does not start with RIFF....WAVE") + ")");
        }
        if (base.isEmpty() || base.equals("application/octet-stream")) {
            throw new AudioFormatException("cannot tell the audio format: the body is not WAV and "
                    + (base.isEmpty() ? "has no MIME type" : "is labelled application/octet-stream")
                    + "; label raw PCM, e.g. audio/pcm;rate=16000");
        }
        if (!PcmFormat.isRawPcmMimeType(mimeType)) {
            throw new AudioFormatException("audio type " + mimeType + " is not supported; send WAV (audio/wav) or raw"
                    + " PCM (audio/pcm;rate=N for 16-bit little-endian, audio/L16;rate=N for big-endian)");
        }
        return PcmFormat.parseMimeType(mimeType);
    }

    private static String baseType(String mimeType) {
        if (mimeType == null) {
            return "";
        }
        int semi = mimeType.indexOf(';');
        return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "AudioInput[" + targetMimeType() + ", " + chunkMillis() + " ms chunks]";
    }
}
