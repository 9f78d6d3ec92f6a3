package dev.geminilive.emulator.brain;

import java.util.List;
import java.util.Map;

/**
 * What the model does for one turn: say something, or call functions.
 *
 * @param text  the answer, or null when the model only calls functions
 * @param calls function calls to send in one toolCall message, empty for none
 */
public record Reply(String text, List<PlannedCall> calls) {

    public Reply {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** @return an answer */
    public static Reply say(String text) {
        return new Reply(text, List.of());
    }

    /** @return a toolCall with these calls */
    public static Reply call(List<PlannedCall> calls) {
        return new Reply(null, calls);
    }

    /**
     * One function call the model will make.
     *
     * @param name the declared function
     * @param args its arguments
     */
    public record PlannedCall(String name, Map<String, Object> args) {
        public PlannedCall {
            args = args == null ? Map.of() : args;
        }
    }
}
