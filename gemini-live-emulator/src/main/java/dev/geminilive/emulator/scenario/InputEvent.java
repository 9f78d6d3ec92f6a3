package dev.geminilive.emulator.scenario;

import java.util.List;

/**
 * Something a scenario rule can react to.
 *
 * @param kind      what happened
 * @param text      user text, or the transcript of an audio turn (null when unknown)
 * @param turn      the user turn number in this connection, from 1 (0 for other events)
 * @param functions names of the functions whose responses arrived (TOOL_RESPONSE)
 */
public record InputEvent(Kind kind, String text, int turn, List<String> functions) {

    /** Kinds of input. */
    public enum Kind {
        /** setup completed */
        CONNECT,
        /** a typed user turn (clientContent or realtimeInput.text) */
        TEXT,
        /** a spoken user turn (end of speech or activityEnd) */
        AUDIO,
        /** function responses arrived */
        TOOL_RESPONSE
    }

    public InputEvent {
        functions = functions == null ? List.of() : List.copyOf(functions);
    }
}
