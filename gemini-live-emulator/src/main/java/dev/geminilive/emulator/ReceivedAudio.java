package dev.geminilive.emulator;

/**
 * One chunk of realtime input audio as the emulator consumed it ({@code realtimeInput.audio}, or an audio
 * {@code mediaChunks} entry).
 *
 * @param sessionId          the connection it arrived on ({@link EmulatorSession#id()})
 * @param clientMessageIndex the 0-based index of its client message on that connection, setup being 0 (the numbering of
 *                           {@code lastConsumedClientMessageIndex})
 * @param sampleRate         the rate declared in its MIME type (16000 when none)
 * @param data               the PCM bytes as decoded from base64; shared, do not modify
 */
public record ReceivedAudio(String sessionId, long clientMessageIndex, int sampleRate, byte[] data) {

    /** @return the number of PCM bytes */
    public int length() {
        return data.length;
    }
}
