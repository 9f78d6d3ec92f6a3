package dev.geminilive.protocol;

/** Token budget per input image. */
public enum MediaResolution { MEDIA_RESOLUTION_UNSPECIFIED, MEDIA_RESOLUTION_LOW, MEDIA_RESOLUTION_MEDIUM, MEDIA_RESOLUTION_HIGH }
