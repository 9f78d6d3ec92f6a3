package dev.geminilive.camel;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduled check for many deadlines, instead of a timer task per deadline: armed for the earliest deadline not yet
 * covered, it handles whatever is due and arms itself again for the next deadline it reports.
 */
public final class DeadlineCheck {

    /** No deadline. */
    public static final long NONE = Long.MAX_VALUE;

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineCheck.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ScheduledExecutorService scheduler;
    private final LongUnaryOperator check;
    private final Runnable refused;
    /** When the earliest scheduled check runs ({@link System#nanoTime()}), or {@link #NONE}. Guarded by this. */
    private long scheduledAt = NONE;

    /**
     * @param check   given the time now, handles everything due and returns the next deadline, or {@link #NONE}
     * @param refused runs when the check cannot arm itself again (the scheduler is shut down): what still waits for a
     *                deadline must be told, since no check will come
     */
    public DeadlineCheck(ScheduledExecutorService scheduler, LongUnaryOperator check, Runnable refused) {
        this.scheduler = scheduler;
        this.check = check;
        this.refused = refused;
    }

    /**
     * Makes sure a check runs at or soon after {@code deadline}.
     *
     * @throws RejectedExecutionException when the scheduler is shut down: no check will come
     */
    public void armBy(long deadline) {
        synchronized (this) {
            if (scheduledAt != NONE && scheduledAt - deadline <= 0) {
                return; // an earlier check is scheduled, and it arms the next one
            }
            scheduledAt = deadline;
        }
        try {
            scheduler.schedule(() -> run(deadline), Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                if (scheduledAt == deadline) {
                    scheduledAt = NONE;
                }
            }
            throw e;
        }
    }

    private void run(long at) {
        synchronized (this) {
            if (scheduledAt == at) {
                scheduledAt = NONE; // deadlines added from now on arm their own check unless this one re-arms first
            }
        }
        long now = System.nanoTime();
        long next;
        try {
            next = check.applyAsLong(now);
        } catch (RuntimeException | Error e) {
            // the deadlines it did not reach still need a check
            LOG.warn("Gemini Live deadline check failed; it runs again in a second", e);
            next = now + RETRY_NANOS;
        }
        if (next != NONE) {
            try {
                armBy(next);
            } catch (RejectedExecutionException e) {
                refused.run();
            }
        }
    }
}
