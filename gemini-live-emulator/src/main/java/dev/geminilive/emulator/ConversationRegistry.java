package dev.geminilive.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per resumable session (conversation): which connections are open, when it started (for the session duration
 * limit), whether it saw video, when its last connection closed (for handle expiry), and the realtime audio it
 * received over all its connections.
 */
final class ConversationRegistry {

    /** Audio kept per conversation for {@link GeminiLiveEmulator#receivedAudio}: 64 MiB, about 35 min of 16 kHz PCM. */
    static final long MAX_KEPT_AUDIO_BYTES = 64L * 1024 * 1024;

    /** The state of one conversation. Guarded by its own monitor. */
    static final class State {
        final Instant startedAt;
        final Set<LiveConnection> connections = new LinkedHashSet<>();
        Instant lastClosedAt;
        boolean sawVideo;
        long audioBytes;
        long keptAudioBytes;
        final List<ReceivedAudio> audio = new ArrayList<>();

        State(Instant startedAt) {
            this.startedAt = startedAt;
        }
    }

    private final Clock clock;
    private final boolean keepAudio;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    ConversationRegistry(Clock clock, boolean keepAudio) {
        this.clock = clock;
        this.keepAudio = keepAudio;
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

    /** Counts (and, with recording, keeps) realtime audio a connection of the conversation consumed. */
    void audio(String conversationId, String sessionId, long clientIndex, int sampleRate, byte[] data) {
        State s = states.get(conversationId);
        if (s == null) {
            return;
        }
        synchronized (s) {
            s.audioBytes += data.length;
            if (keepAudio && s.keptAudioBytes + data.length <= MAX_KEPT_AUDIO_BYTES) {
                s.keptAudioBytes += data.length;
                s.audio.add(new ReceivedAudio(sessionId, clientIndex, sampleRate, data));
            }
        }
    }

    /** @return all realtime audio bytes the conversation received, 0 when unknown */
    long audioBytes(String conversationId) {
        State s = states.get(conversationId);
        if (s == null) {
            return 0;
        }
        synchronized (s) {
            return s.audioBytes;
        }
    }

    /** @return the kept chunks in arrival order */
    List<ReceivedAudio> audioChunks(String conversationId) {
        State s = states.get(conversationId);
        if (s == null) {
            return List.of();
        }
        synchronized (s) {
            return List.copyOf(s.audio);
        }
    }

    /** Drops the kept audio of conversations that have no open connection and are not in {@code keep}. */
    void forgetAudioExcept(Set<String> keep) {
        states.forEach((id, s) -> {
            synchronized (s) {
                if (s.connections.isEmpty() && !keep.contains(id) && !s.audio.isEmpty()) {
                    s.audio.clear();
                    s.keptAudioBytes = MAX_KEPT_AUDIO_BYTES; // a later resume must not keep a tail without its start
                }
            }
        });
    }
}
