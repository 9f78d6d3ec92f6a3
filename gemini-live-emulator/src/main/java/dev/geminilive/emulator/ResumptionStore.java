package dev.geminilive.emulator;

import java.security.SecureRandom;
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

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> handles = new ConcurrentHashMap<>();

    /** @return a new opaque handle for this state of the conversation */
    String issue(String conversationId, Conversation memory) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String handle = "Cih" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        handles.put(handle, new Entry(conversationId, memory.copy()));
        return handle;
    }

    Optional<Entry> find(String handle) {
        return Optional.ofNullable(handles.get(handle));
    }

    void forget(String handle) {
        handles.remove(handle);
    }
}
