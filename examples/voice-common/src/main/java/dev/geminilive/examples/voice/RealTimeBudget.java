package dev.geminilive.examples.voice;

/**
 * A token bucket that lets a client send media no faster than real time, with a short burst allowance: a microphone
 * cannot do more, while a script pushing audio faster would spend the gateway's quota on its key. Not thread-safe:
 * one per connection, used on its socket's thread.
 */
public final class RealTimeBudget {

    private final double bytesPerSecond;
    private final double capacity;
    private double tokens;
    private long last;

    /**
     * @param bytesPerSecond the real-time rate, e.g. 32000 for 16 kHz 16-bit mono
     * @param burstSeconds how far ahead of real time a client may get (network bursts, a paused tab catching up)
     * @param now {@link System#nanoTime()} at the start
     */
    public RealTimeBudget(double bytesPerSecond, double burstSeconds, long now) {
        this.bytesPerSecond = bytesPerSecond;
        this.capacity = bytesPerSecond * burstSeconds;
        this.tokens = capacity;
        this.last = now;
    }

    /**
     * @param bytes the size of the next piece
     * @param now {@link System#nanoTime()}
     * @return whether the piece fits the budget (it is then spent)
     */
    public boolean take(int bytes, long now) {
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * bytesPerSecond);
        last = now;
        if (bytes > tokens) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
