package dev.geminilive.camel.tools;

import java.time.Duration;

/**
 * What the model is told when a tool fails. Exception messages often hold what the model (and so the user talking to
 * it) must never see: host names, user names, passwords, SQL. So by default the model learns only that the function
 * failed; the full exception stays with the route.
 */
public enum ToolErrors {

    /** A fixed text naming the function: {@code The function get_weather failed.} (the default). */
    GENERIC,
    /** The function and the exception's class: {@code The function get_weather failed with ConnectException.} */
    CLASS,
    /** The exception's message as it is: only for tools whose errors are known to hold nothing secret. */
    MESSAGE;

    /** @return the error text the model gets for this failure of the function */
    public String describe(String function, Throwable failure) {
        return switch (this) {
            case GENERIC -> "The function " + function + " failed.";
            case CLASS -> "The function " + function + " failed with " + rootClass(failure) + ".";
            case MESSAGE -> failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        };
    }

    /** @return the fixed text for a call no endpoint answered in time, e.g. {@code ... did not answer within 30s} */
    public static String timedOut(String function, Duration timeout) {
        return "The function " + function + " did not answer within " + human(timeout);
    }

    /** The innermost cause's class: a wrapper such as CamelExecutionException says nothing about what went wrong. */
    private static String rootClass(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** 30s, 1.5s, 300ms, 2m. */
    static String human(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return java.math.BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
