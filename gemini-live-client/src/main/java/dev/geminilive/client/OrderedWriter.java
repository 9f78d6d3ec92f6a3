package dev.geminilive.client;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.geminilive.protocol.Utf16;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;

/**
 * Writes text frames one at a time in the order {@link #write} was called, so messages never interleave or reorder.
 * Queued bytes are bounded: when the socket is slower than the sender, {@link #write} waits for room (up to the write
 * timeout) instead of growing memory without limit. A frame the transport does not finish writing within the write
 * timeout fails the writer and reports the stall (the transport itself has no write deadline).
 *
 * <p>The stall deadline costs one timer task per writer, not one per frame: the frame in flight records when it was
 * handed to the transport, and a single check, armed when a frame goes out and none is armed, re-arms itself for the
 * deadline of whatever frame is in flight when it runs, and disarms when none is.
 */
final class OrderedWriter {

    private record Pending(String text, long bytes, CompletableFuture<Void> done) {
    }

    private final RemoteEndpoint.Async remote;
    private final long maxPendingBytes;
    private final long writeTimeoutNanos;
    private final ScheduledExecutorService timer;
    private final Runnable onStall;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ThreadLocal<Boolean> pumping = new ThreadLocal<>();

    private boolean inFlight;
    private Pending inFlightFrame;
    /** When {@link #inFlightFrame} was handed to the transport ({@link System#nanoTime()}). */
    private long inFlightSince;
    /** Whether a stall check is scheduled. */
    private boolean stallCheckArmed;
    private long pendingBytes;
    private long written;
    private Throwable failure;

    /**
     * @param timer   runs the stall check of the frame being written (one task per writer at a time)
     * @param onStall called when a frame stalls or a write fails; the connection is useless after that
     */
    OrderedWriter(RemoteEndpoint.Async remote, long maxPendingBytes, Duration writeTimeout, ScheduledExecutorService timer,
            Runnable onStall) {
        this.remote = remote;
        this.maxPendingBytes = maxPendingBytes;
        this.writeTimeoutNanos = writeTimeout.toNanos();
        this.timer = timer;
        this.onStall = onStall;
    }

    /**
     * Queues a text frame.
     *
     * @return completes when the frame is handed to the transport, or fails if the session closes first, the write
     *         fails, or no room frees up within the write timeout
     */
    CompletableFuture<Void> write(String text) {
        return write(text, utf8Length(text));
    }

    /**
     * Queues a text frame whose UTF-8 length is already known (counted where the frame was encoded).
     *
     * @param utf8Bytes the frame's length in UTF-8, what it occupies in the queue
     * @return as {@link #write(String)}
     */
    CompletableFuture<Void> write(String text, long utf8Bytes) {
        long bytes = utf8Bytes;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            long deadline = System.nanoTime() + writeTimeoutNanos;
            while (failure == null && pendingBytes > 0 && pendingBytes + bytes > maxPendingBytes) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    done.completeExceptionally(new LiveClientException("Write timed out after " + Duration.ofNanos(writeTimeoutNanos)
                            + ": " + pendingBytes + " bytes still queued for a slow connection", null));
                    return done;
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.completeExceptionally(new LiveClientException("Interrupted while waiting to write", e));
                    return done;
                }
            }
            if (failure != null) {
                done.completeExceptionally(failure);
                return done;
            }
            queue.add(new Pending(text, bytes, done));
            pendingBytes += bytes;
        }
        pump();
        return done;
    }

    /** Fails the frame being written, everything queued and every later write with {@code cause}. */
    /** @return why the writer stopped (a stall, a failed write, the session closing); null while it works */
    Throwable failure() {
        synchronized (lock) {
            return failure;
        }
    }

    void fail(Throwable cause) {
        ArrayDeque<Pending> dropped;
        synchronized (lock) {
            if (failure == null) {
                failure = cause;
            }
            dropped = new ArrayDeque<>(queue);
            if (inFlightFrame != null) {
                dropped.addFirst(inFlightFrame);
            }
            queue.clear();
            lock.notifyAll();
        }
        dropped.forEach(p -> p.done.completeExceptionally(cause));
    }

    /** @return frames handed to the transport so far */
    long written() {
        synchronized (lock) {
            return written;
        }
    }

    /** @return bytes queued and not yet written */
    long pendingBytes() {
        synchronized (lock) {
            return pendingBytes;
        }
    }

    // A send handler may complete on the calling thread; the loop (not recursion) then sends the next frame.
    private void pump() {
        if (Boolean.TRUE.equals(pumping.get())) {
            return;
        }
        pumping.set(Boolean.TRUE);
        try {
            while (true) {
                Pending next;
                synchronized (lock) {
                    if (inFlight || queue.isEmpty() || failure != null) {
                        return;
                    }
                    next = queue.poll();
                    inFlight = true;
                    inFlightFrame = next;
                    inFlightSince = System.nanoTime();
                    if (!stallCheckArmed) {
                        stallCheckArmed = armStallCheck(writeTimeoutNanos);
                    }
                }
                try {
                    remote.sendText(next.text, result -> finish(next, result));
                } catch (Throwable e) {
                    // Thrown before the frame reached the wire (Tyrus encodes the whole frame first, and reports a text
                    // it cannot encode as an Error): only this frame fails, the connection is untouched.
                    rejected(next, e);
                }
            }
        } finally {
            pumping.remove();
        }
    }

    /** @return whether the check is scheduled (not when the client is closing and its timer is shut down) */
    private boolean armStallCheck(long delayNanos) {
        try {
            timer.schedule(this::checkStall, delayNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** The one stall check: fails the writer if the frame in flight is past its deadline, else waits for that deadline. */
    private void checkStall() {
        synchronized (lock) {
            if (inFlightFrame == null || failure != null) {
                stallCheckArmed = false;
                return;
            }
            long left = inFlightSince + writeTimeoutNanos - System.nanoTime();
            if (left > 0) {
                stallCheckArmed = armStallCheck(left);
                return;
            }
            stallCheckArmed = false;
        }
        fail(new LiveClientException("Write stalled: the connection took no data for " + Duration.ofNanos(writeTimeoutNanos), null));
        onStall.run();
    }

    /** The transport refused a frame without writing any of it: fail that frame, keep the writer going. */
    private void rejected(Pending p, Throwable cause) {
        synchronized (lock) {
            if (inFlightFrame != p) {
                return; // the send handler ran after all
            }
            inFlightFrame = null;
            inFlight = false;
            pendingBytes -= p.bytes;
            lock.notifyAll();
        }
        p.done.completeExceptionally(new LiveClientException("Frame not written: " + cause, cause));
    }

    private void finish(Pending p, SendResult result) {
        synchronized (lock) {
            if (inFlightFrame == p) {
                inFlightFrame = null;
            }
            inFlight = false;
            pendingBytes -= p.bytes;
            if (result.isOK()) {
                written++;
            }
            lock.notifyAll();
        }
        if (result.isOK()) {
            p.done.complete(null);
        } else {
            // the transport lost the connection under the frame: it and what waits behind it go to the next connection
            String reason = "Write failed: " + result.getException();
            LiveClientException e = new LiveClientException(reason, new CloseInfo(CloseInfo.ABNORMAL, reason, false),
                    result.getException());
            p.done.completeExceptionally(e);
            fail(e);
            onStall.run();
        }
        pump();
    }

    private static long utf8Length(String s) {
        long n = Utf16.utf8Length(s);
        return n >= 0 ? n : s.getBytes(StandardCharsets.UTF_8).length;
    }
}
