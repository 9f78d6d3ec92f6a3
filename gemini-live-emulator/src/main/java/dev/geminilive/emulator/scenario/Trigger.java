package dev.geminilive.emulator.scenario;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * When a rule fires. Every field that is set must match; a trigger with no field set never matches.
 *
 * @param textContains a user turn whose text contains this (ignoring case)
 * @param textMatches  a user turn whose text contains a match of this regular expression
 * @param audio        true: a spoken user turn
 * @param toolResponse function responses arrived for this function ({@code "*"} for any)
 * @param turn         the n-th user turn of the connection, from 1
 * @param any          true: any user turn or function response
 * @param connect      true: right after setupComplete
 */
public record Trigger(String textContains, String textMatches, Boolean audio, String toolResponse, Integer turn, Boolean any,
        Boolean connect) {

    public static Trigger textContains(String text) {
        return new Trigger(text, null, null, null, null, null, null);
    }

    public static Trigger textMatches(String regex) {
        return new Trigger(null, regex, null, null, null, null, null);
    }

    public static Trigger audioTurn() {
        return new Trigger(null, null, true, null, null, null, null);
    }

    public static Trigger toolResponse(String function) {
        return new Trigger(null, null, null, function, null, null, null);
    }

    public static Trigger turn(int n) {
        return new Trigger(null, null, null, null, n, null, null);
    }

    public static Trigger anyInput() {
        return new Trigger(null, null, null, null, null, true, null);
    }

    public static Trigger onConnect() {
        return new Trigger(null, null, null, null, null, null, true);
    }

    /** @return whether this trigger matches the event */
    public boolean matches(InputEvent e) {
        boolean constrained = false;
        boolean userTurn = e.kind() == InputEvent.Kind.TEXT || e.kind() == InputEvent.Kind.AUDIO;
        if (Boolean.TRUE.equals(connect)) {
            constrained = true;
            if (e.kind() != InputEvent.Kind.CONNECT) {
                return false;
            }
        }
        if (textContains != null) {
            constrained = true;
            if (!userTurn || e.text() == null || !e.text().toLowerCase(Locale.ROOT).contains(textContains.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        if (textMatches != null) {
            constrained = true;
            if (!userTurn || e.text() == null || !Pattern.compile(textMatches).matcher(e.text()).find()) {
                return false;
            }
        }
        if (Boolean.TRUE.equals(audio)) {
            constrained = true;
            if (e.kind() != InputEvent.Kind.AUDIO) {
                return false;
            }
        }
        if (toolResponse != null) {
            constrained = true;
            if (e.kind() != InputEvent.Kind.TOOL_RESPONSE || !(toolResponse.equals("*") || e.functions().contains(toolResponse))) {
                return false;
            }
        }
        if (turn != null) {
            constrained = true;
            if (!userTurn || e.turn() != turn) {
                return false;
            }
        }
        if (Boolean.TRUE.equals(any)) {
            constrained = true;
            if (!userTurn && e.kind() != InputEvent.Kind.TOOL_RESPONSE) {
                return false;
            }
        }
        return constrained;
    }
}
