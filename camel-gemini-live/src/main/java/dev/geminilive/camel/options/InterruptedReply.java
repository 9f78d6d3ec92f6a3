package dev.geminilive.camel.options;

/** What an exchange whose answer the model cut off (barge-in, interruption) gets. */
public enum InterruptedReply {
    /** Fails with GeminiLiveInterruptedException, which carries the partial turn. */
    FAIL,
    /** Succeeds with the partial answer and the header CamelGeminiLiveInterrupted=true. */
    PARTIAL
}
