package dev.geminilive.audio;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;

/**
 * The layout of uncompressed (linear) audio samples: rate, channel count, sample width, number encoding and byte order.
 * Multi-channel audio is interleaved (one <em>frame</em> holds one sample of every channel).
 *
 * <p>The Gemini Live API takes {@link #PCM16_MONO_16K} as input and produces {@link #PCM16_MONO_24K}.
 *
 * @param sampleRate frames per second, 1 to {@value #MAX_SAMPLE_RATE}
 * @param channels number of interleaved channels, 1 to {@value #MAX_CHANNELS}
 * @param bitsPerSample bits in one sample's container: 8, 16, 24 or 32 for integers, 32 or 64 for floats
 * @param encoding how a sample's bits encode a number
 * @param byteOrder order of the bytes within one sample; for 8-bit samples, where it is meaningless, it is normalised
 *            to little-endian so that equal layouts compare equal
 */
public record PcmFormat(int sampleRate, int channels, int bitsPerSample, Encoding encoding, ByteOrder byteOrder) {

    /** Highest sample rate accepted. */
    public static final int MAX_SAMPLE_RATE = 768_000;
    /** Highest channel count accepted. */
    public static final int MAX_CHANNELS = 64;
    /** Rate assumed when a raw PCM MIME type has no {@code rate} parameter (the Live API's input rate). */
    public static final int DEFAULT_RATE = 16_000;

    /** Live API input audio: 16 kHz, mono, signed 16-bit little-endian ({@code audio/pcm;rate=16000}). */
    public static final PcmFormat PCM16_MONO_16K = pcm16Mono(16_000);
    /** Live API output audio: 24 kHz, mono, signed 16-bit little-endian ({@code audio/pcm;rate=24000}). */
    public static final PcmFormat PCM16_MONO_24K = pcm16Mono(24_000);

    /** How the bits of one sample encode its value. */
    public enum Encoding {
        /** Two's complement integer; zero is silence. */
        SIGNED_INT,
        /** Offset-binary integer; the mid value (128 for 8 bits) is silence. WAV uses this for 8-bit samples. */
        UNSIGNED_INT,
        /** IEEE 754 floating point, nominally within [-1, 1]. */
        FLOAT
    }

    /**
     * Validates the combination and normalises the byte order of 8-bit formats.
     *
     * @param sampleRate frames per second, 1 to {@value #MAX_SAMPLE_RATE}
     * @param channels number of interleaved channels, 1 to {@value #MAX_CHANNELS}
     * @param bitsPerSample 8, 16, 24 or 32 for integers; 32 or 64 for floats
     * @param encoding how a sample's bits encode a number
     * @param byteOrder order of the bytes within one sample
     * @throws AudioFormatException if the combination is out of range or unsupported
     */
    public PcmFormat {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (bitsPerSample == 8) {
            byteOrder = ByteOrder.LITTLE_ENDIAN;
        }
        if (sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
            throw new AudioFormatException("sample rate " + sampleRate + " Hz is out of range 1.." + MAX_SAMPLE_RATE);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new AudioFormatException("channel count " + channels + " is out of range 1.." + MAX_CHANNELS);
        }
        boolean ok = switch (encoding) {
            case SIGNED_INT, UNSIGNED_INT -> bitsPerSample == 8 || bitsPerSample == 16 || bitsPerSample == 24
                    || bitsPerSample == 32;
            case FLOAT -> bitsPerSample == 32 || bitsPerSample == 64;
        };
        if (!ok) {
            throw new AudioFormatException(bitsPerSample + "-bit " + describe(encoding) + " samples are not supported");
        }
    }

    /**
     * @param sampleRate frames per second
     * @return signed 16-bit little-endian mono at {@code sampleRate}
     */
    public static PcmFormat pcm16Mono(int sampleRate) {
        return new PcmFormat(sampleRate, 1, 16, Encoding.SIGNED_INT, ByteOrder.LITTLE_ENDIAN);
    }

    /** @return bytes in one sample of one channel */
    public int bytesPerSample() {
        return bitsPerSample / 8;
    }

    /** @return bytes in one frame (one sample of every channel) */
    public int frameSize() {
        return bytesPerSample() * channels;
    }

    /** @return bytes per second of audio */
    public long bytesPerSecond() {
        return (long) frameSize() * sampleRate;
    }

    /** @return true when this is signed 16-bit little-endian mono, at any rate */
    public boolean isPcm16Mono() {
        return channels == 1 && bitsPerSample == 16 && encoding == Encoding.SIGNED_INT
                && byteOrder == ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * @param rate the new sample rate
     * @return this format at another sample rate
     */
    public PcmFormat withSampleRate(int rate) {
        return new PcmFormat(rate, channels, bitsPerSample, encoding, byteOrder);
    }

    /**
     * The MIME type of this format: {@code audio/pcm;rate=R} for signed 16-bit little-endian, {@code audio/L16;rate=R}
     * for signed 16-bit big-endian, each with {@code ;channels=N} when there is more than one channel.
     *
     * @return the MIME type
     * @throws AudioFormatException for formats that have no raw-PCM MIME type
     */
    public String toMimeType() {
        String base;
        if (bitsPerSample == 16 && encoding == Encoding.SIGNED_INT) {
            base = byteOrder == ByteOrder.LITTLE_ENDIAN ? "audio/pcm" : "audio/L16";
        } else if (bitsPerSample == 8 && encoding == Encoding.UNSIGNED_INT) {
            base = "audio/L8";
        } else if (bitsPerSample == 24 && encoding == Encoding.SIGNED_INT && byteOrder == ByteOrder.BIG_ENDIAN) {
            base = "audio/L24";
        } else {
            throw new AudioFormatException("no raw-PCM MIME type describes " + this);
        }
        return base + ";rate=" + sampleRate + (channels == 1 ? "" : ";channels=" + channels);
    }

    /**
     * Parses a raw PCM MIME type, taking the rate from the {@code rate} parameter or {@value #DEFAULT_RATE} when it is
     * absent. See {@link #parseMimeType(String, int)}.
     *
     * @param mimeType for example {@code audio/pcm;rate=16000}
     * @return the format it describes
     * @throws AudioFormatException if it is not a raw PCM type this package reads
     */
    public static PcmFormat parseMimeType(String mimeType) {
        return parseMimeType(mimeType, DEFAULT_RATE);
    }

    /**
     * Parses a raw PCM MIME type. Understood base types (case-insensitive):
     * <ul>
     * <li>{@code audio/pcm}, {@code audio/x-pcm}: signed 16-bit little-endian, as the Gemini Live API uses it;</li>
     * <li>{@code audio/L16}: signed 16-bit <em>big-endian</em> (network order, RFC 2586);</li>
     * <li>{@code audio/L24}: signed 24-bit big-endian (RFC 3190);</li>
     * <li>{@code audio/L8}: unsigned 8-bit with offset 128 (RFC 3551).</li>
     * </ul>
     * Parameters: {@code rate} (Hz) and {@code channels} (default 1); others are ignored. Values may be quoted.
     *
     * @param mimeType the MIME type
     * @param defaultRate the rate to assume when there is no {@code rate} parameter
     * @return the format it describes
     * @throws AudioFormatException if the type is not one of the above, or a parameter is not a valid number
     */
    public static PcmFormat parseMimeType(String mimeType, int defaultRate) {
        if (mimeType == null || mimeType.isBlank()) {
            throw new AudioFormatException("no MIME type given; raw audio must be labelled, e.g. audio/pcm;rate=16000");
        }
        String[] parts = mimeType.split(";");
        String base = parts[0].trim().toLowerCase(Locale.ROOT);
        int rate = defaultRate;
        int channels = 1;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = param.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(param.substring(eq + 1).trim());
            if (name.equals("rate")) {
                rate = parsePositive(value, "rate", mimeType);
            } else if (name.equals("channels")) {
                channels = parsePositive(value, "channels", mimeType);
            }
        }
        return switch (base) {
            case "audio/pcm", "audio/x-pcm" -> new PcmFormat(rate, channels, 16, Encoding.SIGNED_INT,
                    ByteOrder.LITTLE_ENDIAN);
            case "audio/l16" -> new PcmFormat(rate, channels, 16, Encoding.SIGNED_INT, ByteOrder.BIG_ENDIAN);
            case "audio/l24" -> new PcmFormat(rate, channels, 24, Encoding.SIGNED_INT, ByteOrder.BIG_ENDIAN);
            case "audio/l8" -> new PcmFormat(rate, channels, 8, Encoding.UNSIGNED_INT, ByteOrder.BIG_ENDIAN);
            default -> throw new AudioFormatException("MIME type " + mimeType
                    + " is not raw PCM; use audio/pcm;rate=N (16-bit little-endian) or audio/L16;rate=N");
        };
    }

    /**
     * @param mimeType a MIME type, possibly with parameters, possibly null
     * @return true if {@link #parseMimeType(String)} understands its base type
     */
    public static boolean isRawPcmMimeType(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        int semi = mimeType.indexOf(';');
        String base = (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "audio/pcm", "audio/x-pcm", "audio/l16", "audio/l24", "audio/l8" -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        String order = bitsPerSample == 8 ? "" : byteOrder == ByteOrder.LITTLE_ENDIAN ? " little-endian" : " big-endian";
        return sampleRate + " Hz " + (channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + "-channel") + " "
                + bitsPerSample + "-bit " + describe(encoding) + order;
    }

    private static String describe(Encoding encoding) {
        return switch (encoding) {
            case SIGNED_INT -> "signed integer";
            case UNSIGNED_INT -> "unsigned integer";
            case FLOAT -> "float";
        };
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).trim();
        }
        return v;
    }

    private static int parsePositive(String value, String name, String mimeType) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new AudioFormatException("MIME type " + mimeType + " has an invalid " + name + " parameter '" + value
                + "'; expected a positive integer");
    }
}
