package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timers of one connection. A due task is handed to the connection's {@link SerialExecutor}, never run on the
 * shared timer thread, so timers add no concurrency to the connection's state.
 */
final class ConnectionTimers {

    private final ScheduledExecutorService scheduler;
    private final SerialExecutor serial;
    private final List<ScheduledFuture<?>> tracked = new ArrayList<>();

    ConnectionTimers(ScheduledExecutorService scheduler, SerialExecutor serial) {
        this.scheduler = scheduler;
        this.serial = serial;
    }

    /** @return the scheduled task, or null when the emulator is shutting down */
    ScheduledFuture<?> schedule(Runnable task, long delayMs) {
        try {
            return scheduler.schedule(() -> serial.execute(task), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /** Cancels the timer when the connection ends; only for timers set a bounded number of times. */
    void track(ScheduledFuture<?> timer) {
        if (timer != null) {
            tracked.add(timer);
        }
    }

    /** Runs the task on the serial executor after the delay: queued at once when there is none. */
    void later(long delayMs, Runnable task) {
        if (delayMs <= 0) {
            serial.execute(task);
        } else {
            schedule(task, delayMs);
        }
    }

    void cancelTracked() {
        tracked.forEach(f -> f.cancel(false));
    }

    /** Blocks the calling serial executor: a stall freezes this session's queue, as a hung server would. */
    static void stall(long ms) {
        try {
            Thread.sleep(ms); // deliberate, see above
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
