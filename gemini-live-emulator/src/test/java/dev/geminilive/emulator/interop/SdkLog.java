package dev.geminilive.emulator.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The SDK 2.0.0 has no close or error callback after setup: it only logs through java.util.logging
 * ({@code com.google.genai.AsyncLive}, "Live session closing with code: {0} and reason: {1}"). This captures those
 * records so a test can see what the SDK saw, and keeps them off the console while attached.
 */
final class SdkLog extends Handler implements AutoCloseable {

    static final String CLOSING = "Live session closing with code";
    static final String CLOSED = "Live session closed with code";

    private final Logger logger = Logger.getLogger("com.google.genai.AsyncLive");
    private final boolean parentHandlers;
    private final Level level;
    private final List<LogRecord> records = new ArrayList<>();

    SdkLog() {
        parentHandlers = logger.getUseParentHandlers();
        level = logger.getLevel();
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord r) {
        records.add(r);
        notifyAll();
    }

    synchronized List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Waits for a record whose message starts with {@code prefix} and that matches. */
    synchronized LogRecord await(String prefix, Predicate<LogRecord> match, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (LogRecord r : records) {
                if (r.getMessage() != null && r.getMessage().startsWith(prefix) && match.test(r)) {
                    return r;
                }
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new TimeoutException("The SDK logged no \"" + prefix + "\" record within " + timeout + "; it logged: "
                        + records.stream().map(x -> x.getMessage() + " " + java.util.Arrays.toString(x.getParameters())).toList());
            }
            wait(leftMs);
        }
    }

    /** @return the close code a closing/closed record carries */
    static int code(LogRecord r) {
        return ((Number) r.getParameters()[0]).intValue();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(level);
    }
}
