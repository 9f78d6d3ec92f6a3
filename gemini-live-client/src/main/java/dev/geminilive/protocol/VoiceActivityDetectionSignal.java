package dev.geminilive.protocol;

/** @param vadSignalType {@code VAD_SIGNAL_TYPE_SOS} or {@code VAD_SIGNAL_TYPE_EOS} */
public record VoiceActivityDetectionSignal(String vadSignalType) {
}
