package dev.geminilive.camel.session;

import dev.geminilive.camel.LiveTurn;

/** Receives a session group's events; called on the session's event lane, in order per conversation. */
public interface EventSink {

    /** One event. */
    void onEvent(LiveEvent event);

    /** A finished turn (after the event that completed it). */
    void onTurn(LiveTurn turn);

    /** @return whether this sink receives events of the type (its filter lets them through) */
    default boolean accepts(String type) {
        return true;
    }
}
