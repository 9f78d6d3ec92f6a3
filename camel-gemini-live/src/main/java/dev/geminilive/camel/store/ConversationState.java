package dev.geminilive.camel.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a conversation needs to go on after its connection is gone: the newest resumption handle and the turns so far.
 *
 * @param handle       the newest resumable handle the server gave, or null
 * @param handleIssued when that handle arrived (handles expire some time after their session's last connection)
 * @param history      the conversation's newest turns, oldest first, used to re-seed a new session when no handle is usable
 * @param turns        how many turns the conversation has had in all (history may keep fewer)
 * @param handleTurns  how many of those turns the handle's session state holds; fewer than {@code turns} means the
 *                     handle is older than the history, so resuming with it would forget the newer turns
 */
public record ConversationState(String handle, Instant handleIssued, List<HistoryTurn> history, long turns, long handleTurns) {

    /** A conversation nothing is known about. */
    public static final ConversationState EMPTY = new ConversationState(null, null, List.of(), 0, 0);

    public ConversationState {
        history = history == null ? List.of() : List.copyOf(history);
        if (handle != null && handle.isEmpty()) {
            handle = null;
        }
        if (handle == null) {
            handleIssued = null;
            handleTurns = 0;
        }
        turns = Math.max(turns, history.size());
    }

    /** @return this state with a new handle, which holds every turn so far */
    public ConversationState withHandle(String newHandle, Instant issued) {
        return new ConversationState(newHandle, issued, history, turns, turns);
    }

    /** @return this state without its handle (refused or expired) */
    public ConversationState withoutHandle() {
        return new ConversationState(null, null, history, turns, 0);
    }

    /** @return whether the handle holds every turn of the history */
    public boolean handleIsCurrent() {
        return handle != null && handleTurns >= turns;
    }

    /** @return this state with turns added, keeping at most {@code maxTurns} of the newest */
    public ConversationState withTurns(List<HistoryTurn> added, int maxTurns) {
        List<HistoryTurn> all = new ArrayList<>(history);
        all.addAll(added);
        int from = Math.max(0, all.size() - Math.max(0, maxTurns));
        return new ConversationState(handle, handleIssued, all.subList(from, all.size()), turns + added.size(), handleTurns);
    }
}
