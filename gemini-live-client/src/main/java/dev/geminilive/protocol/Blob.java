package dev.geminilive.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * Inline media: a MIME type and bytes, written as standard base64 and read from either base64 alphabet.
 *
 * @param mimeType    e.g. {@code audio/pcm;rate=16000}, {@code image/jpeg}
 * @param data        the raw bytes (not copied: treat as read-only)
 * @param displayName a label for the blob (Vertex AI)
 */
public record Blob(String mimeType, byte[] data, String displayName) {

    /** Without a display name, the common case. */
    public Blob(String mimeType, byte[] data) {
        this(mimeType, data, null);
    }

    /** @return the {@code rate=} parameter of an audio MIME type, or {@code defaultRate} */
    public int sampleRate(int defaultRate) {
        return Mime.rate(mimeType, defaultRate);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Blob b && Objects.equals(mimeType, b.mimeType) && Arrays.equals(data, b.data)
                && Objects.equals(displayName, b.displayName);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Objects.hashCode(mimeType) + Arrays.hashCode(data)) + Objects.hashCode(displayName);
    }

    @Override
    public String toString() {
        return "Blob[mimeType=" + mimeType + ", " + (data == null ? 0 : data.length) + " bytes"
                + (displayName == null ? "" : ", displayName=" + displayName) + "]";
    }
}
