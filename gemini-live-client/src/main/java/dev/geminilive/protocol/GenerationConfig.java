package dev.geminilive.protocol;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generation settings of a Live session: the {@code GenerationConfig} of the Gemini API, every field the SDK types carry.
 * The server parses all of them in setup; the proto says Bidi does not support logprobs, response schemas, stop sequences,
 * routing or audio timestamps, and what Live does with each is not documented. They are here so that a setup carrying
 * them is read as the server reads it rather than refused as unknown.
 *
 * @param responseModalities         one modality per session; null entries (unknown values) are dropped
 * @param temperature                sampling temperature
 * @param topP                       nucleus sampling
 * @param topK                       top-k sampling
 * @param maxOutputTokens            output cap per turn
 * @param seed                       sampling seed
 * @param candidateCount             number of candidates
 * @param presencePenalty            presence penalty
 * @param frequencyPenalty           frequency penalty
 * @param mediaResolution            token budget per image
 * @param speechConfig               voice and language
 * @param thinkingConfig             thinking budget (2.5) or level (3.x)
 * @param enableAffectiveDialog      v1alpha, 2.5 native audio only
 * @param translationConfig          speech translation (Gemini API only)
 * @param stopSequences              sequences that end generation
 * @param responseMimeType           the MIME type of a text response, e.g. {@code application/json}
 * @param responseSchema             an OpenAPI-subset schema of the response, kept as JSON
 * @param responseJsonSchema         a JSON Schema of the response, kept as JSON
 * @param responseLogprobs           return the log probabilities of the chosen tokens
 * @param logprobs                   how many top candidates' log probabilities to return
 * @param audioTimestamp             include timestamps of audio input in the request
 * @param routingConfig              model routing (automatic or a named model), kept as JSON
 * @param modelSelectionConfig       model selection preferences, kept as JSON
 * @param enableEnhancedCivicAnswers enhanced civic answers
 * @param responseFormat             output formatting and delivery settings, each kept as JSON
 * @param audioTranscriptionConfig   transcription settings of the generation request
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
        TranslationConfig translationConfig,
        List<String> stopSequences,
        String responseMimeType,
        Map<String, Object> responseSchema,
        Object responseJsonSchema,
        Boolean responseLogprobs,
        Integer logprobs,
        Boolean audioTimestamp,
        Map<String, Object> routingConfig,
        Map<String, Object> modelSelectionConfig,
        Boolean enableEnhancedCivicAnswers,
        List<Map<String, Object>> responseFormat,
        AudioTranscriptionConfig audioTranscriptionConfig) {

    public GenerationConfig {
        // the lenient codec reads unknown modalities as null: they are dropped
        responseModalities = responseModalities == null ? null
                : responseModalities.stream().filter(Objects::nonNull).toList();
        stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
        responseFormat = responseFormat == null ? null : List.copyOf(responseFormat);
    }

    /** The fields known before {@code stopSequences}; the later ones stay unset. */
    public GenerationConfig(List<Modality> responseModalities, Double temperature, Double topP, Integer topK, Integer maxOutputTokens,
            Integer seed, Integer candidateCount, Double presencePenalty, Double frequencyPenalty, MediaResolution mediaResolution,
            SpeechConfig speechConfig, ThinkingConfig thinkingConfig, Boolean enableAffectiveDialog, TranslationConfig translationConfig) {
        this(responseModalities, temperature, topP, topK, maxOutputTokens, seed, candidateCount, presencePenalty, frequencyPenalty,
                mediaResolution, speechConfig, thinkingConfig, enableAffectiveDialog, translationConfig, null, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /** @return a config that only sets the response modalities */
    public static GenerationConfig of(Modality... modalities) {
        return new GenerationConfig(List.of(modalities), null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** @return a copy with the given speech config */
    public GenerationConfig withSpeechConfig(SpeechConfig v) {
        return new GenerationConfig(responseModalities, temperature, topP, topK, maxOutputTokens, seed, candidateCount,
                presencePenalty, frequencyPenalty, mediaResolution, v, thinkingConfig, enableAffectiveDialog, translationConfig,
                stopSequences, responseMimeType, responseSchema, responseJsonSchema, responseLogprobs, logprobs, audioTimestamp,
                routingConfig, modelSelectionConfig, enableEnhancedCivicAnswers, responseFormat, audioTranscriptionConfig);
    }
}
