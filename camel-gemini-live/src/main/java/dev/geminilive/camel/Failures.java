package dev.geminilive.camel;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps the wrappers futures put around a failure. */
public final class Failures {

    private Failures() {
    }

    /** @return the cause inside CompletionException / ExecutionException wrappers */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
