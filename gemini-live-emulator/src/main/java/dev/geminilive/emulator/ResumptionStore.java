package dev.geminilive.emulator;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.geminilive.emulator.brain.Conversation;

/** Resumption handles: each maps to the conversation it resumes and a copy of its memory at the time it was issued. */
final class ResumptionStore {

    /**
     * What a handle restores.
     *
     * @param conversationId the conversation
     * @param memory         the memory when the handle was issued
     */
    record Entry(String conversationId, Conversation memory) {
    }

    /**
     * The newest handles of a conversation that still resume it. Each handle holds a copy of the memory, and a session
     * gets one per turn: without a bound a long conversation's handles grow with the square of its length.
     */
    static final int HANDLES_PER_CONVERSATION = 64;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> handles = new ConcurrentHashMap<>();
    private final Map<String, ArrayDeque<String>> byConversation = new ConcurrentHashMap<>();

    /** @return a new opaque handle for this state of the conversation; its oldest handle beyond the bound is forgotten */
    String issue(String conversationId, Conversation memory) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String handle = "Cih" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        handles.put(handle, new Entry(conversationId, memory.copy()));
        byConversation.compute(conversationId, (id, recent) -> {
            ArrayDeque<String> q = recent == null ? new ArrayDeque<>() : recent;
            q.addLast(handle);
            while (q.size() > HANDLES_PER_CONVERSATION) {
                handles.remove(q.removeFirst());
            }
            return q;
        });
        return handle;
    }

    /** @return how many handles are kept, for every conversation */
    int size() {
        return handles.size();
    }

    Optional<Entry> find(String handle) {
        return Optional.ofNullable(handles.get(handle));
    }

    void forget(String handle) {
        handles.remove(handle);
    }
}
