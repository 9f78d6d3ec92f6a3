package dev.geminilive.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per resumable session (conversation): how many connections are open, when it started (for the session duration
 * limit), whether it saw video, and when its last connection closed (for handle expiry).
 */
final class ConversationRegistry {

    /** The state of one conversation. */
    static final class State {
        final Instant startedAt;
        int open;
        Instant lastClosedAt;
        boolean sawVideo;

        State(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }

    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    ConversationRegistry(Clock clock) {
        this.clock = clock;
    }

    /** Marks a connection of the conversation open; creates the conversation if new. */
    State opened(String conversationId) {
        State s = states.computeIfAbsent(conversationId, id -> new State(clock.instant()));
        synchronized (s) {
            s.open++;
        }
        return s;
    }

    /** @return the state of a conversation that has been opened */
    State state(String conversationId) {
        return states.get(conversationId);
    }

    void closed(String conversationId) {
        State s = states.get(conversationId);
        if (s != null) {
            synchronized (s) {
                s.open = Math.max(0, s.open - 1);
                s.lastClosedAt = clock.instant();
            }
        }
    }

    /** @return how many connections of the conversation are open */
    int openConnections(String conversationId) {
        State s = states.get(conversationId);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return s.open;
        }
    }

    /** @return whether a handle of the conversation is still valid: open now, or closed less than {@code ttl} ago */
    boolean alive(String conversationId, Duration ttl) {
        State s = states.get(conversationId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return s.open > 0 || s.lastClosedAt == null || clock.instant().isBefore(s.lastClosedAt.plus(ttl));
        }
    }
}
