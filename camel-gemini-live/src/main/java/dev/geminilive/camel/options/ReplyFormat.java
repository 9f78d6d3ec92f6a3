package dev.geminilive.camel.options;

/** What an answered exchange's body becomes. */
public enum ReplyFormat {
    /** The model's text, or the transcription of its speech. */
    TEXT,
    /** The raw 24 kHz PCM of the model's speech. */
    AUDIO,
    /** The model's speech as a WAV file. */
    WAV,
    /** The whole turn as a {@code LiveTurn}: text, audio, transcriptions, usage, tool calls. */
    TURN
}
