package dev.geminilive.camel.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a conversation needs to go on after its connection is gone: the newest resumption handle and the turns so far.
 *
 * @param handle        the newest resumable handle the server gave, or null
 * @param handleIssued  when that handle arrived (handles expire some time after their session's last connection)
 * @param history       the conversation's turns, oldest first, used to re-seed a new session when no handle is usable
 */
public record ConversationState(String handle, Instant handleIssued, List<HistoryTurn> history) {

    /** A conversation nothing is known about. */
    public static final ConversationState EMPTY = new ConversationState(null, null, List.of());

    public ConversationState {
        history = history == null ? List.of() : List.copyOf(history);
        if (handle != null && handle.isEmpty()) {
            handle = null;
        }
        if (handle == null) {
            handleIssued = null;
        }
    }

    /** @return this state with a new handle */
    public ConversationState withHandle(String newHandle, Instant issued) {
        return new ConversationState(newHandle, issued, history);
    }

    /** @return this state without its handle (refused or expired) */
    public ConversationState withoutHandle() {
        return new ConversationState(null, null, history);
    }

    /** @return this state with turns added, keeping at most {@code maxTurns} of the newest */
    public ConversationState withTurns(List<HistoryTurn> turns, int maxTurns) {
        List<HistoryTurn> all = new ArrayList<>(history);
        all.addAll(turns);
        int from = Math.max(0, all.size() - Math.max(0, maxTurns));
        return new ConversationState(handle, handleIssued, all.subList(from, all.size()));
    }
}
