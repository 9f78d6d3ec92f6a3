package dev.geminilive.protocol;

/**
 * Thinking settings.
 *
 * @param thinkingBudget  2.5 models: 0 disables, -1 automatic
 * @param thinkingLevel   3.x models: MINIMAL, LOW, MEDIUM, HIGH
 * @param includeThoughts return thought summaries as parts with {@code thought: true}
 */
public record ThinkingConfig(Integer thinkingBudget, String thinkingLevel, Boolean includeThoughts) {
}
