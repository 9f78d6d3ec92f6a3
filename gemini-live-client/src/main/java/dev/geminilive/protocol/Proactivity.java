package dev.geminilive.protocol;

/** @param proactiveAudio let the model decide not to answer irrelevant input (v1alpha, 2.5 native audio) */
public record Proactivity(Boolean proactiveAudio) {
}
