package dev.geminilive.emulator.brain;

/** The emulator's deterministic token arithmetic (the real tokenizer is not reproducible offline). */
public final class Tokens {

    /** Tokens per image, as the API counts a low-resolution image. */
    public static final int PER_IMAGE = 258;
    /** Tokens per second of audio, as the API counts audio. */
    public static final int PER_AUDIO_SECOND = 32;

    private Tokens() {
    }

    /** @return one token per 4 characters, rounded up */
    public static int ofText(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** @return 32 tokens per second, rounded up */
    public static int ofAudio(double seconds) {
        return (int) Math.ceil(seconds * PER_AUDIO_SECOND);
    }
}
