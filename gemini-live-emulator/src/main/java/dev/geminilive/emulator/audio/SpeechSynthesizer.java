package dev.geminilive.emulator.audio;

/**
 * Turns text into deterministic speech-like 24 kHz 16-bit mono PCM: {@value #MS_PER_CHAR} ms per character, a tone
 * whose pitch follows the character for letters and digits, silence for spaces and punctuation, with a soft envelope
 * so that chunks do not click. The same text always gives the same bytes.
 */
public final class SpeechSynthesizer {

    /** Output sample rate of Live models. */
    public static final int RATE = 24000;
    /** Audio length per character of text. */
    public static final int MS_PER_CHAR = 50;
    /** Bytes of PCM per character of text. */
    public static final int BYTES_PER_CHAR = RATE * MS_PER_CHAR / 1000 * 2;

    private static final int AMPLITUDE = 6000;

    private SpeechSynthesizer() {
    }

    /** @return the PCM for {@code text}: exactly {@code text.length() * BYTES_PER_CHAR} bytes */
    public static byte[] synthesize(String text) {
        int perChar = BYTES_PER_CHAR / 2;
        byte[] out = new byte[text.length() * BYTES_PER_CHAR];
        for (int c = 0; c < text.length(); c++) {
            char ch = text.charAt(c);
            if (!Character.isLetterOrDigit(ch)) {
                continue;
            }
            double hz = 140 + (Character.toLowerCase(ch) % 26) * 11;
            for (int i = 0; i < perChar; i++) {
                double envelope = Math.sin(Math.PI * i / perChar);
                int s = (int) Math.round(AMPLITUDE * envelope * Math.sin(2 * Math.PI * hz * i / RATE));
                int at = (c * perChar + i) * 2;
                out[at] = (byte) s;
                out[at + 1] = (byte) (s >> 8);
            }
        }
        return out;
    }
}
