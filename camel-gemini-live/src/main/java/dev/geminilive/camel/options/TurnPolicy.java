package dev.geminilive.camel.options;

/** What an exchange's turn does while the conversation's previous turn is still being answered. */
public enum TurnPolicy {
    /** Waits: one answered turn at a time per conversation, answered in the order sent. */
    QUEUE,
    /** Barges in: the new input is sent at once and the model's answer in progress is cut off. */
    INTERRUPT
}
