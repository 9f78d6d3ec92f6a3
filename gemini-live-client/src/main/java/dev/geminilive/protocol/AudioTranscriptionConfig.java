package dev.geminilive.protocol;

import java.util.List;

/**
 * Transcription settings; {@code {}} (all null) turns transcription on with defaults.
 *
 * @param languageCodes      expected languages
 * @param customVocabulary   words to favour
 * @param adaptationPhrases  phrases to favour
 */
public record AudioTranscriptionConfig(List<String> languageCodes, List<String> customVocabulary, List<String> adaptationPhrases) {

    public static AudioTranscriptionConfig enabled() {
        return new AudioTranscriptionConfig(null, null, null);
    }
}
