package dev.geminilive.protocol;

/**
 * Checks that text is well-formed UTF-16, so it can be encoded as the UTF-8 that WebSocket text frames and JSON
 * require. A lone surrogate (half of a pair, as left by cutting a string between the two chars of an emoji) has no
 * UTF-8 form: a frame holding one cannot be written at all.
 */
public final class Utf16 {

    private Utf16() {
    }

    /**
     * @param text the text to check; null is well-formed
     * @return the index of the first lone surrogate, or -1 when the text is well-formed
     */
    public static int firstLoneSurrogate(CharSequence text) {
        if (text == null) {
            return -1;
        }
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Counts the text's UTF-8 bytes and checks it in the same pass.
     *
     * @param text the text; null counts as empty
     * @return the length of the text in UTF-8, or {@code -1 - i} when the char at {@code i} is the first lone surrogate
     */
    public static long utf8Length(CharSequence text) {
        if (text == null) {
            return 0;
        }
        int n = text.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    bytes += 2; // two chars, four bytes
                } else {
                    return -1L - i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return -1L - i;
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }

    /**
     * @param what names the text in the message, e.g. {@code "Text body"}
     * @throws IllegalArgumentException naming the first lone surrogate and its index, e.g. {@code "Text body is not
     *                                  valid UTF-16: lone high surrogate at index 1"}
     */
    public static void requireWellFormed(CharSequence text, String what) {
        int at = firstLoneSurrogate(text);
        if (at >= 0) {
            throw new IllegalArgumentException(what + " is not valid UTF-16: " + describe(text, at));
        }
    }

    /** @return e.g. {@code "lone high surrogate at index 1"} */
    static String describe(CharSequence text, int at) {
        return "lone " + (Character.isHighSurrogate(text.charAt(at)) ? "high" : "low") + " surrogate at index " + at;
    }
}
