package dev.geminilive.protocol;

import java.util.List;

/**
 * Token counts. Vertex AI sends {@code candidates*} where the Gemini API sends {@code response*};
 * {@link #outputTokens()} reads either.
 *
 * @param promptTokenCount           input tokens
 * @param cachedContentTokenCount    cached input tokens
 * @param responseTokenCount         output tokens (Gemini API)
 * @param toolUsePromptTokenCount    tool-use input tokens
 * @param thoughtsTokenCount         thinking tokens
 * @param totalTokenCount            all tokens
 * @param promptTokensDetails        input tokens per modality
 * @param cacheTokensDetails         cached tokens per modality
 * @param responseTokensDetails      output tokens per modality
 * @param toolUsePromptTokensDetails tool-use tokens per modality
 * @param candidatesTokenCount       output tokens (Vertex AI)
 * @param candidatesTokensDetails    output tokens per modality (Vertex AI)
 * @param trafficType                Vertex AI traffic type
 * @param serviceTier                Gemini API service tier
 */
public record UsageMetadata(
        Integer promptTokenCount,
        Integer cachedContentTokenCount,
        Integer responseTokenCount,
        Integer toolUsePromptTokenCount,
        Integer thoughtsTokenCount,
        Integer totalTokenCount,
        List<ModalityTokenCount> promptTokensDetails,
        List<ModalityTokenCount> cacheTokensDetails,
        List<ModalityTokenCount> responseTokensDetails,
        List<ModalityTokenCount> toolUsePromptTokensDetails,
        Integer candidatesTokenCount,
        List<ModalityTokenCount> candidatesTokensDetails,
        String trafficType,
        String serviceTier) {

    /** @return a usage record with prompt, response and total counts */
    public static UsageMetadata of(int prompt, int response, Modality modality) {
        return new UsageMetadata(prompt, null, response, null, null, prompt + response,
                List.of(new ModalityTokenCount(Modality.TEXT, prompt)), null,
                List.of(new ModalityTokenCount(modality, response)), null, null, null, null, null);
    }

    /** @return output tokens from either backend's field, or 0 */
    public int outputTokens() {
        if (responseTokenCount != null) {
            return responseTokenCount;
        }
        return candidatesTokenCount == null ? 0 : candidatesTokenCount;
    }

    /**
     * @param modality   the modality counted
     * @param tokenCount the count
     */
    public record ModalityTokenCount(Modality modality, Integer tokenCount) {
    }
}
