package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.geminilive.protocol.FunctionResponse;

/**
 * The function calls of one connection: which await a response, which were cancelled, which ids were ever issued, and
 * the responses to BLOCKING calls kept until the last of them arrives.
 */
final class ToolBook {

    /**
     * A call waiting for its response.
     *
     * @param id       the call id
     * @param name     the function
     * @param blocking whether the model waits for it
     */
    record Pending(String id, String name, boolean blocking) {
    }

    /** What a response id refers to. */
    enum Status { PENDING, CANCELLED, UNKNOWN }

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Set<String> cancelled = new HashSet<>();
    private final List<FunctionResponse> blockingResults = new ArrayList<>();

    void issued(Pending call) {
        pending.put(call.id(), call);
    }

    Status status(String id) {
        if (id != null && pending.containsKey(id)) {
            return Status.PENDING;
        }
        return id != null && cancelled.contains(id) ? Status.CANCELLED : Status.UNKNOWN;
    }

    Pending get(String id) {
        return pending.get(id);
    }

    void answered(String id) {
        pending.remove(id);
    }

    /** @return whether any BLOCKING call still waits */
    boolean blockingPending() {
        return pending.values().stream().anyMatch(Pending::blocking);
    }

    /** Keeps responses to BLOCKING calls: the waiting turn goes on with all of them at once. */
    void collect(List<FunctionResponse> results) {
        blockingResults.addAll(results);
    }

    /** @return the kept BLOCKING responses, which are forgotten */
    List<FunctionResponse> takeCollected() {
        List<FunctionResponse> results = List.copyOf(blockingResults);
        blockingResults.clear();
        return results;
    }

    /**
     * The turn was interrupted: cancels every pending call except {@code keep} and forgets the kept BLOCKING responses.
     *
     * @return the cancelled ids in issue order
     */
    List<String> cancelAll(Set<String> keep) {
        blockingResults.clear();
        List<String> ids = new ArrayList<>();
        pending.values().removeIf(p -> {
            if (keep.contains(p.id())) {
                return false;
            }
            ids.add(p.id());
            cancelled.add(p.id());
            return true;
        });
        return ids;
    }
}
