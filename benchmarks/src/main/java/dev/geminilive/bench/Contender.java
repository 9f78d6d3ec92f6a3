package dev.geminilive.bench;

/**
 * One way of talking to a Gemini Live server that the harness measures. Every contender does the same protocol work:
 * connect, setup (model, TEXT replies, session resumption, and the {@code get_weather} function when asked for
 * tools), {@code realtimeInput.text} per turn, read until {@code turnComplete}, and answer tool calls at once.
 */
public interface Contender extends AutoCloseable {

    /** The name used in results: raw, component, liveclient or genai. */
    String name();

    /**
     * Opens one Live session (or, for the component, names one conversation whose session opens on its first turn).
     *
     * @param id    a conversation id unique within the run
     * @param tools whether the setup declares {@code get_weather}, answered by the contender with a fixed result
     */
    Conversation open(String id, boolean tools) throws Exception;

    /** Releases the contender's client, threads and context. */
    @Override
    void close() throws Exception;

    /** One Live conversation of a contender. */
    interface Conversation extends AutoCloseable {

        /** Sends user text and waits for the model's turn to complete; returns the model's text. */
        String ask(String text) throws Exception;

        /** Sends one chunk of 16 kHz 16-bit mono PCM as {@code realtimeInput.audio}, without ending the turn. */
        void sendAudio(byte[] pcm) throws Exception;

        /** Closes the session. */
        @Override
        void close() throws Exception;
    }
}
