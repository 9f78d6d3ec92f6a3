package dev.geminilive.protocol;

import java.time.Duration;
import java.util.List;

/**
 * An incremental transcript fragment.
 *
 * @param text         the fragment
 * @param finished     set on the last fragment, when the server sends it at all
 * @param languageCode the BCP-47 language of the fragment
 * @param speakerLabel who spoke, e.g. {@code spk_1}, with diarization on
 * @param words        the fragment word by word with timings, with word timestamps on
 */
public record Transcription(String text, Boolean finished, String languageCode, String speakerLabel, List<WordInfo> words) {

    public Transcription {
        words = words == null ? null : List.copyOf(words);
    }

    /** A fragment with only text and the finished flag, as most servers send it. */
    public Transcription(String text, Boolean finished) {
        this(text, finished, null, null, null);
    }

    /**
     * One recognised word.
     *
     * @param word        the word
     * @param startOffset where it starts, from the start of the audio
     * @param endOffset   where it ends
     */
    public record WordInfo(String word, Duration startOffset, Duration endOffset) {
    }
}
