package dev.geminilive.protocol;

/** @param initialHistoryInClientContent 3.x: the first clientContent seeds history instead of starting a turn */
public record HistoryConfig(Boolean initialHistoryInClientContent) {
}
