package dev.geminilive.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per resumable session (conversation): which connections are open, when it started (for the session duration
 * limit), whether it saw video, and when its last connection closed (for handle expiry).
 */
final class ConversationRegistry {

    /** The state of one conversation. Guarded by its own monitor. */
    static final class State {
        final Instant startedAt;
        final Set<LiveConnection> connections = new LinkedHashSet<>();
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
    State opened(String conversationId, LiveConnection connection) {
        State s = states.computeIfAbsent(conversationId, id -> new State(clock.instant()));
        synchronized (s) {
            s.connections.add(connection);
        }
        return s;
    }

    /** @return the state of a conversation that has been opened */
    State state(String conversationId) {
        return states.get(conversationId);
    }

    void closed(String conversationId, LiveConnection connection) {
        State s = states.get(conversationId);
        if (s != null) {
            synchronized (s) {
                s.connections.remove(connection);
                s.lastClosedAt = clock.instant();
            }
        }
    }

    /** @return the open connections of the conversation */
    List<LiveConnection> openConnections(String conversationId) {
        State s = states.get(conversationId);
        if (s == null) {
            return List.of();
        }
        synchronized (s) {
            return List.copyOf(s.connections);
        }
    }

    /** @return whether a handle of the conversation is still valid: open now, or closed less than {@code ttl} ago */
    boolean alive(String conversationId, Duration ttl) {
        State s = states.get(conversationId);
        if (s == null) {
            return false;
        }
        synchronized (s) {
            return !s.connections.isEmpty() || s.lastClosedAt == null || clock.instant().isBefore(s.lastClosedAt.plus(ttl));
        }
    }
}
