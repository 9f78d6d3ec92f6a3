package dev.geminilive.protocol;

/**
 * Speech translation settings (Gemini API only).
 *
 * @param targetLanguageCode language to translate into
 * @param echoTargetLanguage whether speech already in the target language is echoed
 */
public record TranslationConfig(String targetLanguageCode, Boolean echoTargetLanguage) {
}
