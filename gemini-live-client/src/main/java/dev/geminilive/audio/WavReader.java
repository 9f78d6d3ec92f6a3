package dev.geminilive.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads RIFF/WAVE audio: whole from a byte array ({@link #read(byte[])}) or incrementally from a stream
 * ({@link #open(InputStream)}).
 *
 * <p>Supported sample formats: PCM 8-bit unsigned and 16/24/32-bit signed (also samples narrower than their container,
 * such as 20 bits in 3 bytes), IEEE float 32/64-bit, and both of these wrapped in {@code WAVE_FORMAT_EXTENSIBLE}. RF64
 * files are read too. Compressed formats (MP3, ADPCM, A-law, ...) are refused with an {@link AudioFormatException} that
 * names the format.
 *
 * <p>Chunks other than {@code fmt }, {@code data} (and {@code ds64} in RF64) are skipped, honouring the pad byte that
 * follows odd-sized chunks. A {@code data} size of 0 or {@code 0xFFFFFFFF}, as streaming writers leave it, means
 * "read to the end of the input"; a declared size larger than the input is tolerated the same way, since some writers
 * (e.g. {@code espeak-ng --stdout}) write a large placeholder.
 */
public final class WavReader {

    /** Number of leading bytes {@link #isWav(byte[])} needs. */
    public static final int SNIFF_LENGTH = 12;

    /** Largest {@code fmt } chunk accepted (a WAVE_FORMAT_EXTENSIBLE one is 40 bytes). */
    private static final int MAX_FMT_SIZE = 4096;

    static final int TAG_PCM = 0x0001;
    static final int TAG_IEEE_FLOAT = 0x0003;
    static final int TAG_EXTENSIBLE = 0xFFFE;

    /** The last 14 bytes shared by the KSDATAFORMAT_SUBTYPE_* GUIDs, as stored in a file. */
    static final byte[] GUID_SUFFIX = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00,
            0x38, (byte) 0x9B, 0x71};

    private WavReader() {
    }

    /**
     * Tells whether bytes start like a WAV file ({@code RIFF} or {@code RF64}, then {@code WAVE} at offset 8).
     *
     * @param header the first bytes of the input; at least {@value #SNIFF_LENGTH} are needed for a positive answer
     * @return true if the header looks like WAV
     */
    public static boolean isWav(byte[] header) {
        if (header == null || header.length < SNIFF_LENGTH) {
            return false;
        }
        String riff = fourCc(header, 0);
        return (riff.equals("RIFF") || riff.equals("RF64")) && fourCc(header, 8).equals("WAVE");
    }

    /**
     * Reads a complete WAV file held in memory. The data is copied; a trailing partial frame is dropped.
     *
     * @param wav the file's bytes
     * @return the format and sample data
     * @throws AudioFormatException if the bytes are not a WAV file this class reads
     */
    public static WavData read(byte[] wav) {
        Objects.requireNonNull(wav, "wav");
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(wav);
            Header h = readHeader(in);
            int offset = wav.length - in.available();
            long available = wav.length - (long) offset;
            long length = h.dataLength < 0 ? available : Math.min(h.dataLength, available);
            length -= length % h.format.frameSize();
            return new WavData(h.format, Arrays.copyOfRange(wav, offset, offset + (int) length));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by ByteArrayInputStream
        }
    }

    /**
     * Reads a WAV header from a stream and returns a stream of the sample data that follows it. Only the header is
     * read now; the returned stream reads the data as it is consumed, so the input may be of any length.
     *
     * @param in the WAV input; closed when the returned stream is closed
     * @return the data stream, which also reports the format
     * @throws AudioFormatException if the header is not one this class reads
     * @throws IOException if reading fails
     */
    public static WavInputStream open(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        Header h = readHeader(in);
        return new WavInputStream(in, h.format, h.dataLength);
    }

    /** The result of reading up to the start of the sample data. dataLength is -1 when unknown. */
    record Header(PcmFormat format, long dataLength) {
    }

    static Header readHeader(InputStream in) throws IOException {
        byte[] riff = new byte[12];
        int n = in.readNBytes(riff, 0, 12);
        if (n < 12) {
            throw new AudioFormatException("WAV header is truncated: the input ends inside the 12-byte RIFF header ("
                    + n + " bytes present)");
        }
        String id = fourCc(riff, 0);
        if (id.equals("RIFX")) {
            throw new AudioFormatException("big-endian RIFX WAV is not supported; send a little-endian RIFF WAV");
        }
        boolean rf64 = id.equals("RF64");
        if (!id.equals("RIFF") && !rf64) {
            throw new AudioFormatException("not a WAV file: expected 'RIFF' at offset 0 but found " + printable(riff, 0));
        }
        if (!fourCc(riff, 8).equals("WAVE")) {
            throw new AudioFormatException("not a WAV file: RIFF form type is " + printable(riff, 8)
                    + ", expected 'WAVE'");
        }
        PcmFormat format = null;
        long ds64DataSize = -1;
        byte[] chunkHeader = new byte[8];
        while (true) {
            n = in.readNBytes(chunkHeader, 0, 8);
            if (n < 8) {
                if (n > 0) {
                    throw new AudioFormatException("WAV header is truncated: the input ends inside a chunk header");
                }
                throw new AudioFormatException(format == null ? "WAV has neither a 'fmt ' nor a 'data' chunk"
                        : "WAV has no 'data' chunk");
            }
            String chunk = fourCc(chunkHeader, 0);
            long size = u32(chunkHeader, 4);
            switch (chunk) {
                case "fmt " -> {
                    if (size < 16) {
                        throw new AudioFormatException("WAV 'fmt ' chunk is " + size + " bytes; at least 16 are needed");
                    }
                    if (size > MAX_FMT_SIZE) {
                        throw new AudioFormatException("WAV 'fmt ' chunk of " + size + " bytes is implausibly large");
                    }
                    byte[] fmt = readChunk(in, "fmt ", (int) size);
                    format = parseFmt(fmt);
                }
                case "ds64" -> {
                    if (size > MAX_FMT_SIZE) {
                        throw new AudioFormatException("RF64 'ds64' chunk of " + size + " bytes is implausibly large");
                    }
                    byte[] ds64 = readChunk(in, "ds64", (int) size);
                    if (size >= 16) {
                        ds64DataSize = u32(ds64, 8) | (u32(ds64, 12) << 32);
                    }
                }
                case "data" -> {
                    if (format == null) {
                        throw new AudioFormatException("WAV has no 'fmt ' chunk before its 'data' chunk");
                    }
                    long length = size;
                    if (size == 0xFFFFFFFFL && rf64 && ds64DataSize > 0) {
                        length = ds64DataSize;
                    } else if (size == 0 || size == 0xFFFFFFFFL) {
                        length = -1;
                    }
                    return new Header(format, length);
                }
                default -> skip(in, size + (size & 1));
            }
        }
    }

    private static byte[] readChunk(InputStream in, String id, int size) throws IOException {
        byte[] body = in.readNBytes(size);
        if (body.length < size) {
            throw new AudioFormatException("WAV header is truncated: the input ends inside the '" + id + "' chunk ("
                    + size + " bytes declared, " + body.length + " present)");
        }
        if ((size & 1) != 0) {
            in.read(); // pad byte; absent at end of input is harmless
        }
        return body;
    }

    private static void skip(InputStream in, long n) throws IOException {
        byte[] scratch = null;
        while (n > 0) {
            long skipped = in.skip(n);
            if (skipped <= 0) {
                // skip() may return 0 before the end; fall back to reading to tell EOF apart
                if (scratch == null) {
                    scratch = new byte[(int) Math.min(8192, n)];
                }
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, n));
                if (r < 0) {
                    return; // the next chunk-header read reports the missing data chunk
                }
                skipped = r;
            }
            n -= skipped;
        }
    }

    static PcmFormat parseFmt(byte[] fmt) {
        int tag = u16(fmt, 0);
        int channels = u16(fmt, 2);
        long rate = u32(fmt, 4);
        int blockAlign = u16(fmt, 12);
        int bits = u16(fmt, 14);
        boolean extensible = false;
        if (tag == TAG_EXTENSIBLE) {
            if (fmt.length < 40 || u16(fmt, 16) < 22) {
                throw new AudioFormatException("WAV 'fmt ' chunk says WAVE_FORMAT_EXTENSIBLE but is " + fmt.length
                        + " bytes with extension size " + (fmt.length >= 18 ? u16(fmt, 16) : 0)
                        + "; 40 bytes with extension size 22 are needed");
            }
            if (!Arrays.equals(fmt, 26, 40, GUID_SUFFIX, 0, GUID_SUFFIX.length)) {
                throw new AudioFormatException("WAVE_FORMAT_EXTENSIBLE sub-format " + guid(fmt, 24)
                        + " is not supported; send PCM or IEEE float WAV");
            }
            tag = u16(fmt, 24);
            extensible = true;
        }
        if (tag != TAG_PCM && tag != TAG_IEEE_FLOAT) {
            throw new AudioFormatException(String.format("WAV format tag 0x%04X (%s)%s is not supported; "
                    + "send PCM or IEEE float WAV", tag, tagName(tag), extensible ? " in WAVE_FORMAT_EXTENSIBLE" : ""));
        }
        if (channels == 0) {
            throw new AudioFormatException("WAV 'fmt ' chunk declares 0 channels");
        }
        if (channels > PcmFormat.MAX_CHANNELS) {
            throw new AudioFormatException("WAV with " + channels + " channels is not supported (at most "
                    + PcmFormat.MAX_CHANNELS + ")");
        }
        if (rate == 0 || rate > PcmFormat.MAX_SAMPLE_RATE) {
            throw new AudioFormatException("WAV sample rate " + rate + " Hz is out of range 1.."
                    + PcmFormat.MAX_SAMPLE_RATE);
        }
        if (bits == 0) {
            throw new AudioFormatException("WAV 'fmt ' chunk declares 0 bits per sample");
        }
        // The container width comes from the block alignment; bitsPerSample may be narrower (e.g. 20 bits in 3 bytes).
        int expectedAlign = channels * ((bits + 7) / 8);
        if (blockAlign != expectedAlign) {
            throw new AudioFormatException("WAV block alignment " + blockAlign + " does not match " + channels
                    + " channel(s) of " + bits + "-bit samples (expected " + expectedAlign + ")");
        }
        int containerBits = blockAlign / channels * 8;
        if (tag == TAG_PCM) {
            if (containerBits != 8 && containerBits != 16 && containerBits != 24 && containerBits != 32) {
                throw new AudioFormatException("WAV PCM with " + bits + "-bit samples is not supported; send 8, 16, 24 or"
                        + " 32-bit PCM");
            }
            PcmFormat.Encoding enc = containerBits == 8 ? PcmFormat.Encoding.UNSIGNED_INT : PcmFormat.Encoding.SIGNED_INT;
            return new PcmFormat((int) rate, channels, containerBits, enc, ByteOrder.LITTLE_ENDIAN);
        }
        if (bits != 32 && bits != 64) {
            throw new AudioFormatException("WAV IEEE float with " + bits + "-bit samples is not supported; send 32 or "
                    + "64-bit float");
        }
        return new PcmFormat((int) rate, channels, bits, PcmFormat.Encoding.FLOAT, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return a readable name for a WAV format tag */
    static String tagName(int tag) {
        return switch (tag) {
            case 0x0000 -> "unknown";
            case 0x0001 -> "PCM";
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0003 -> "IEEE float";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0022 -> "TrueSpeech";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG";
            case 0x0055 -> "MP3";
            case 0x0092 -> "Dolby AC-3 SPDIF";
            case 0x00FF -> "AAC";
            case 0x0161 -> "WMA";
            case 0x0162 -> "WMA Pro";
            case 0x0163 -> "WMA Lossless";
            case 0x1610 -> "HE-AAC";
            case 0x2000 -> "Dolby AC-3";
            case 0x674F, 0x6750, 0x6751, 0x676F, 0x6770, 0x6771 -> "Ogg Vorbis";
            case 0xF1AC -> "FLAC";
            case 0xFFFE -> "WAVE_FORMAT_EXTENSIBLE";
            default -> "unrecognised codec";
        };
    }

    static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int off) {
        return (b[off] & 0xFFL) | (b[off + 1] & 0xFFL) << 8 | (b[off + 2] & 0xFFL) << 16 | (b[off + 3] & 0xFFL) << 24;
    }

    private static String fourCc(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(byte[] b, int off) {
        StringBuilder hex = new StringBuilder();
        boolean ascii = true;
        for (int i = off; i < off + 4; i++) {
            int c = b[i] & 0xFF;
            ascii &= c >= 0x20 && c < 0x7F;
            hex.append(String.format("%02X", c));
        }
        return ascii ? "'" + fourCc(b, off) + "'" : "bytes 0x" + hex;
    }

    private static String guid(byte[] b, int off) {
        long d1 = u32(b, off);
        int d2 = u16(b, off + 4);
        int d3 = u16(b, off + 6);
        StringBuilder s = new StringBuilder(String.format("{%08X-%04X-%04X-", d1, d2, d3));
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                s.append('-');
            }
            s.append(String.format("%02X", b[off + i] & 0xFF));
        }
        return s.append('}').toString();
    }
}
