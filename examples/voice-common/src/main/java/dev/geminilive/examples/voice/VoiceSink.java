package dev.geminilive.examples.voice;

/**
 * Where the model's side of one conversation goes: a browser tab or a phone call. Called on Camel's worker threads, in
 * the order the server sent the events of the conversation.
 */
public interface VoiceSink {

    /** @param pcm24k a chunk of the model's speech, 16-bit little-endian mono PCM at 24 kHz */
    void audio(byte[] pcm24k);

    /**
     * @param role {@code user} (what the model heard) or {@code model} (what it says)
     * @param text a fragment of the transcription
     */
    void transcript(String role, String text);

    /** The user spoke over the model: the rest of the answer is void, stop playing it now. */
    void interrupted();

    /** The model finished its turn. */
    void turnComplete();

    /**
     * @param status a connection event of the conversation: connected, reconnected, disconnected or error
     * @param detail a short description, never a credential
     */
    void status(String status, String detail);
}
