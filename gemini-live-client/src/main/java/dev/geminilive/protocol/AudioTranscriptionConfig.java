package dev.geminilive.protocol;

import java.util.List;

/**
 * Transcription settings; {@code {}} (all null) turns transcription on with defaults.
 *
 * @param languageCodes     expected languages (BCP-47); omitted means automatic detection
 * @param customVocabulary  words to favour (Vertex AI per its Live guide)
 * @param adaptationPhrases phrases to favour (deprecated in the SDKs)
 * @param languageAuto      deprecated: {@code {}} asks for automatic detection, now the default
 * @param languageHints     deprecated: expected languages, now {@code languageCodes}
 * @param diarization       label speakers ({@link Transcription#speakerLabel()})
 * @param wordTimestamp     report word timings ({@link Transcription#words()})
 * @param mode              {@code VERBATIM} (default) or {@code SMART} (fillers removed, light clean-up)
 */
public record AudioTranscriptionConfig(
        List<String> languageCodes,
        List<String> customVocabulary,
        List<String> adaptationPhrases,
        LanguageAuto languageAuto,
        LanguageHints languageHints,
        Boolean diarization,
        Boolean wordTimestamp,
        Mode mode) {

    /** Transcription style; the SDKs say timestamps and diarization do not combine with {@code SMART}. */
    public enum Mode { MODE_UNSPECIFIED, VERBATIM, SMART }

    /** The empty message that asks for automatic language detection. */
    public record LanguageAuto() {
    }

    /**
     * @param languageCodes BCP-47 codes of the languages in the audio
     */
    public record LanguageHints(List<String> languageCodes) {

        public LanguageHints {
            languageCodes = languageCodes == null ? null : List.copyOf(languageCodes);
        }
    }

    public AudioTranscriptionConfig {
        languageCodes = languageCodes == null ? null : List.copyOf(languageCodes);
        customVocabulary = customVocabulary == null ? null : List.copyOf(customVocabulary);
        adaptationPhrases = adaptationPhrases == null ? null : List.copyOf(adaptationPhrases);
    }

    /** The fields known before {@code languageAuto}; the later ones stay unset. */
    public AudioTranscriptionConfig(List<String> languageCodes, List<String> customVocabulary, List<String> adaptationPhrases) {
        this(languageCodes, customVocabulary, adaptationPhrases, null, null, null, null, null);
    }

    public static AudioTranscriptionConfig enabled() {
        return new AudioTranscriptionConfig(null, null, null);
    }
}
