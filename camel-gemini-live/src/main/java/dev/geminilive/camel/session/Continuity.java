package dev.geminilive.camel.session;

import java.time.Duration;
import java.util.Objects;

import dev.geminilive.camel.store.ConversationStore;

/**
 * How conversations outlive their connections.
 *
 * @param store                 where handles and history are kept
 * @param maxReconnectAttempts  connection attempts after a drop or goAway before the conversation's session ends
 * @param reconnectInitialDelay the first backoff delay; doubled per attempt, with jitter
 * @param reconnectMaxDelay     the longest backoff delay
 * @param handleTtl             how long a resumption handle is trusted after it arrived
 * @param historyMaxTurns       turns kept per conversation for re-seeding
 * @param maxReplayBytes        input kept per connection for resending after a handover
 */
public record Continuity(ConversationStore store, int maxReconnectAttempts, Duration reconnectInitialDelay,
        Duration reconnectMaxDelay, Duration handleTtl, int historyMaxTurns, long maxReplayBytes) {

    public Continuity {
        Objects.requireNonNull(store, "store");
        if (maxReconnectAttempts < 0) {
            throw new IllegalArgumentException("reconnectMaxAttempts must not be negative: " + maxReconnectAttempts);
        }
        if (historyMaxTurns < 0) {
            throw new IllegalArgumentException("historyMaxTurns must not be negative: " + historyMaxTurns);
        }
        if (maxReplayBytes < 1024) {
            throw new IllegalArgumentException("maxReplayBytes must be at least 1024: " + maxReplayBytes);
        }
    }

    /** @return the delay before reconnect attempt {@code attempt} (1-based): exponential, capped, with equal jitter */
    Duration backoff(int attempt) {
        long base = reconnectInitialDelay.toMillis();
        long cap = Math.max(base, reconnectMaxDelay.toMillis());
        long d = base;
        for (int i = 1; i < attempt && d < cap; i++) {
            d *= 2;
        }
        d = Math.min(d, cap);
        long half = d / 2;
        return Duration.ofMillis(half + java.util.concurrent.ThreadLocalRandom.current().nextLong(half + 1));
    }
}
