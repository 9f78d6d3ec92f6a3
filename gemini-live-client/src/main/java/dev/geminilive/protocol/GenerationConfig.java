package dev.geminilive.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Generation settings of a Live session. Bidi does not support logprobs, response schemas or stop sequences.
 *
 * @param responseModalities    one modality per session in practice; null entries (unknown values) are dropped
 * @param temperature           sampling temperature
 * @param topP                  nucleus sampling
 * @param topK                  top-k sampling
 * @param maxOutputTokens       output cap per turn
 * @param seed                  sampling seed
 * @param candidateCount        number of candidates
 * @param presencePenalty       presence penalty
 * @param frequencyPenalty      frequency penalty
 * @param mediaResolution       token budget per image
 * @param speechConfig          voice and language
 * @param thinkingConfig        thinking budget (2.5) or level (3.x)
 * @param enableAffectiveDialog v1alpha, 2.5 native audio only
 * @param translationConfig     speech translation (Gemini API only)
 */
public record GenerationConfig(
        List<Modality> responseModalities,
        Double temperature,
        Double topP,
        Integer topK,
        Integer maxOutputTokens,
        Integer seed,
        Integer candidateCount,
        Double presencePenalty,
        Double frequencyPenalty,
        MediaResolution mediaResolution,
        SpeechConfig speechConfig,
        ThinkingConfig thinkingConfig,
        Boolean enableAffectiveDialog,
        TranslationConfig translationConfig) {

    public GenerationConfig {
        // the lenient codec reads unknown modalities as null: they are dropped
        responseModalities = responseModalities == null ? null
                : responseModalities.stream().filter(Objects::nonNull).toList();
    }

    /** @return a config that only sets the response modalities */
    public static GenerationConfig of(Modality... modalities) {
        return new GenerationConfig(List.of(modalities), null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** @return a copy with the given speech config */
    public GenerationConfig withSpeechConfig(SpeechConfig v) {
        return new GenerationConfig(responseModalities, temperature, topP, topK, maxOutputTokens, seed, candidateCount,
                presencePenalty, frequencyPenalty, mediaResolution, v, thinkingConfig, enableAffectiveDialog, translationConfig);
    }
}
