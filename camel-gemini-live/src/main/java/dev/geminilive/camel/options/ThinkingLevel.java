package dev.geminilive.camel.options;

/** How much the model thinks before answering, on models that take a thinking level (3.x). */
public enum ThinkingLevel {
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH
}
