package dev.geminilive.emulator.brain;

/**
 * One user turn as the brain sees it.
 *
 * @param text         the text, or for audio the transcript a scenario gave or null
 * @param audioSeconds seconds of speech for an audio turn, 0 for text
 */
public record UserInput(String text, double audioSeconds) {

    /** @return a typed turn */
    public static UserInput text(String text) {
        return new UserInput(text, 0);
    }

    /** @return a spoken turn with no transcript */
    public static UserInput audio(double seconds) {
        return new UserInput(null, seconds);
    }

    /** @return whether this turn was spoken */
    public boolean isAudio() {
        return audioSeconds > 0 || text == null;
    }

    /** @return the placeholder the emulator uses as the transcript of speech it cannot recognise, e.g. {@code [audio 1.5 s]} */
    public static String audioPlaceholder(double seconds) {
        return String.format(java.util.Locale.ROOT, "[audio %.1f s]", seconds);
    }

    /** @return the text, or the audio placeholder */
    public String transcript() {
        return text != null ? text : audioPlaceholder(audioSeconds);
    }
}
