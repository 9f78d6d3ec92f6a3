package dev.geminilive.protocol;

import java.util.Locale;

/** MIME type helpers for the audio and image types the Live API speaks. */
public final class Mime {

    /** Input audio: 16-bit little-endian mono PCM at 16 kHz. */
    public static final String PCM_16K = "audio/pcm;rate=16000";
    /** Output audio: 16-bit little-endian mono PCM at 24 kHz. */
    public static final String PCM_24K = "audio/pcm;rate=24000";

    private Mime() {
    }

    /** @return the base type in lower case, without parameters ({@code audio/pcm;rate=16000} gives {@code audio/pcm}) */
    public static String baseType(String mimeType) {
        if (mimeType == null) {
            return "";
        }
        int semi = mimeType.indexOf(';');
        return (semi < 0 ? mimeType : mimeType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** @return the {@code rate=} parameter, or {@code defaultRate} when absent or unreadable */
    public static int rate(String mimeType, int defaultRate) {
        if (mimeType == null) {
            return defaultRate;
        }
        for (String param : mimeType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "rate=", 0, 5)) {
                try {
                    return Integer.parseInt(p.substring(5).trim());
                } catch (NumberFormatException e) {
                    return defaultRate;
                }
            }
        }
        return defaultRate;
    }

    public static boolean isAudio(String mimeType) {
        return baseType(mimeType).startsWith("audio/");
    }

    public static boolean isImage(String mimeType) {
        return baseType(mimeType).startsWith("image/");
    }
}
