package dev.geminilive.examples.voice.phone;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Releases outbound μ-law frames at the pace the caller hears them (one 20 ms frame every 20 ms, a few frames ahead),
 * with marks in their place between the frames. Gemini sends an answer faster than it is spoken; a telephony provider
 * would buffer it all, and then a barge-in could only be stopped by the provider. Holding the answer here means a
 * barge-in drops it at once, with at most {@link #LEAD_FRAMES} frames already handed over (which the {@code clear}
 * event then discards at the provider).
 *
 * <p>Thread-safe: {@link #tick(long)} runs on a timer, the rest on Camel's threads. Frames and control events go out
 * under one lock, so a {@code clear} is never overtaken by a frame it should have cleared.
 */
final class FramePacer {

    /** Frames handed to the provider ahead of their playing time, to ride out network jitter. */
    static final int LEAD_FRAMES = 3;

    /** Where frames and marks go, in order. */
    interface Output {
        void media(byte[] frame);

        void mark(String name);
    }

    private record Mark(String name) {
    }

    private final Deque<Object> queue = new ArrayDeque<>();
    private final Output output;
    private final long frameNanos;
    /** When the next frame is due to start playing; 0 while nothing is playing. */
    private long nextDue;

    /**
     * @param output where frames and marks are sent
     * @param frameMillis the playing time of one frame (20 ms for 160-byte μ-law frames)
     */
    FramePacer(Output output, int frameMillis) {
        this.output = output;
        this.frameNanos = frameMillis * 1_000_000L;
    }

    synchronized void frames(List<byte[]> frames) {
        queue.addAll(frames);
    }

    synchronized void mark(String name) {
        queue.add(new Mark(name));
    }

    /**
     * Sends what is due.
     *
     * @param now {@link System#nanoTime()}
     */
    synchronized void tick(long now) {
        if (nextDue != 0 && nextDue < now) {
            // the provider's buffer ran dry (a pause between answers): start counting afresh
            nextDue = 0;
        }
        while (!queue.isEmpty()) {
            Object head = queue.peek();
            if (head instanceof Mark m) {
                queue.poll();
                output.mark(m.name());
                continue;
            }
            long due = nextDue == 0 ? now : nextDue;
            if (due - LEAD_FRAMES * frameNanos > now) {
                return;
            }
            queue.poll();
            output.media((byte[]) head);
            nextDue = due + frameNanos;
        }
    }

    /**
     * Drops everything not yet sent, then runs {@code afterwards} (the clear event) before any later frame can go.
     *
     * @param afterwards what to send once the queue is empty
     * @return the number of frames dropped
     */
    synchronized int clear(Runnable afterwards) {
        int dropped = 0;
        for (Object o : queue) {
            if (o instanceof byte[]) {
                dropped++;
            }
        }
        queue.clear();
        nextDue = 0;
        afterwards.run();
        return dropped;
    }

    synchronized boolean isIdle() {
        return queue.isEmpty();
    }
}
