package dev.geminilive.emulator.audio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Energy-based voice activity detection over 10 ms windows, measured in audio time (not wall time), so a test may
 * push a second of audio in one go and get the same result as streaming it live.
 * <p>
 * Speech starts after {@code prefixPaddingMs} of consecutive windows whose RMS exceeds the threshold; it ends after
 * {@code silenceDurationMs} of consecutive quiet windows. {@link #flush()} (audioStreamEnd) ends speech at once.
 */
public final class EnergyVad {

    /** RMS threshold for high start-of-speech sensitivity (the Gemini API default). */
    public static final double HIGH_SENSITIVITY_RMS = 500;
    /** RMS threshold for low start-of-speech sensitivity. */
    public static final double LOW_SENSITIVITY_RMS = 1500;
    /** Silence that ends speech with high end-of-speech sensitivity, when silenceDurationMs is not set. */
    public static final int DEFAULT_SILENCE_MS = 500;
    /** Silence that ends speech with low end-of-speech sensitivity, when silenceDurationMs is not set. */
    public static final int LOW_SENSITIVITY_SILENCE_MS = 1000;
    /** Speech needed before a start is committed, when prefixPaddingMs is not set. */
    public static final int DEFAULT_PREFIX_MS = 20;

    private static final int WINDOW_MS = 10;

    /** A change of speech state. */
    public sealed interface Event permits SpeechStarted, SpeechEnded {
    }

    /** Speech was detected. */
    public record SpeechStarted() implements Event {
    }

    /** Speech ended; {@code speechMs} is the speech's length without the trailing silence. */
    public record SpeechEnded(int speechMs) implements Event {
    }

    private final double threshold;
    private final int prefixMs;
    private final int silenceMs;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int pendingRate = 16000;
    private boolean speaking;
    private int voicedRunMs;
    private int speechMs;
    private int silentRunMs;

    /**
     * @param threshold RMS above which a window counts as speech
     * @param prefixMs  speech needed to commit a start (at least one window)
     * @param silenceMs silence needed to commit an end (at least one window)
     */
    public EnergyVad(double threshold, int prefixMs, int silenceMs) {
        this.threshold = threshold;
        this.prefixMs = Math.max(WINDOW_MS, prefixMs);
        this.silenceMs = Math.max(WINDOW_MS, silenceMs);
    }

    /** @return whether speech is in progress */
    public boolean speaking() {
        return speaking;
    }

    /** Feeds audio; returns the speech starts and ends it caused, in order. */
    public List<Event> feed(byte[] pcm, int rate) {
        if (rate != pendingRate) {
            pending.reset(); // a rate change mid-window would mix sample clocks; drop the partial window
            pendingRate = rate;
        }
        pending.write(pcm, 0, pcm.length);
        byte[] all = pending.toByteArray();
        int windowSamples = Math.max(1, rate * WINDOW_MS / 1000);
        int windows = all.length / 2 / windowSamples;
        List<Event> events = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            window(Pcm16.rms(all, w * windowSamples, windowSamples) > threshold, events);
        }
        pending.reset();
        int used = windows * windowSamples * 2;
        pending.write(all, used, all.length - used);
        return events;
    }

    /** Ends speech in progress (audioStreamEnd). */
    public List<Event> flush() {
        pending.reset();
        voicedRunMs = 0;
        if (!speaking) {
            return List.of();
        }
        speaking = false;
        return List.of(new SpeechEnded(speechMs - silentRunMs));
    }

    private void window(boolean voiced, List<Event> events) {
        if (!speaking) {
            voicedRunMs = voiced ? voicedRunMs + WINDOW_MS : 0;
            if (voicedRunMs >= prefixMs) {
                speaking = true;
                speechMs = voicedRunMs;
                silentRunMs = 0;
                voicedRunMs = 0;
                events.add(new SpeechStarted());
            }
            return;
        }
        speechMs += WINDOW_MS;
        silentRunMs = voiced ? 0 : silentRunMs + WINDOW_MS;
        if (silentRunMs >= silenceMs) {
            speaking = false;
            events.add(new SpeechEnded(speechMs - silentRunMs));
        }
    }
}
