package dev.geminilive.protocol;

/** Response and token-count modalities. */
public enum Modality { MODALITY_UNSPECIFIED, TEXT, IMAGE, VIDEO, AUDIO, DOCUMENT }
