package dev.geminilive.protocol;

/**
 * @param category  harm category
 * @param threshold block threshold
 * @param method    probability or severity
 */
public record SafetySetting(String category, String threshold, String method) {
}
