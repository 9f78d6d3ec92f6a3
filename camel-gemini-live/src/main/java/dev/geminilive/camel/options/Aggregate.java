package dev.geminilive.camel.options;

/** How a consumer groups the server's messages into exchanges. */
public enum Aggregate {
    /** One exchange per event (text chunk, audio chunk, transcription, tool call...). */
    CHUNK,
    /** One exchange per finished model turn, carrying a {@code LiveTurn}. */
    TURN
}
