package dev.geminilive.client;

import dev.geminilive.protocol.ServerMessage;

/**
 * Receives what happens on a Live session. Callbacks run on the socket's I/O thread, one at a time and in the order the
 * server sent; implementations should hand long work to another thread.
 */
public interface LiveListener {

    /** A server message after {@code setupComplete} (which {@link LiveClient#connect} returns instead). */
    void onMessage(ServerMessage message);

    /** The connection ended; called exactly once per session that completed setup, whoever closed it. */
    default void onClose(CloseInfo close) {
    }

    /** A frame could not be read, or the transport failed. A close follows when the connection is lost. */
    default void onError(Throwable error) {
    }
}
