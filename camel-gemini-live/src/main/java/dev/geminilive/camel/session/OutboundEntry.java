package dev.geminilive.camel.session;

import java.util.concurrent.CompletableFuture;

import dev.geminilive.client.LiveClientException;
import dev.geminilive.protocol.ClientMessage;

/**
 * One client message of a conversation, from the moment it is handed over until the server has it. {@link #done}
 * completes once: when a connection wrote it, when the server reported it consumed, or with the error that lost it. A
 * write that failed only because its connection closed stays open: the message is sent again on the next connection.
 */
final class OutboundEntry {

    final ClientMessage message;
    final ExpectedAnswer owner;
    final long bytes;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Its index on the connection it was last written to (setup is 0). */
    long index;

    private boolean written;
    private boolean dropped;
    private Throwable lostWithConnection;

    OutboundEntry(ClientMessage message, ExpectedAnswer owner, long bytes) {
        this.message = message;
        this.owner = owner;
        this.bytes = bytes;
    }

    boolean isToolResponse() {
        return message.toolResponse() != null;
    }

    synchronized boolean isWritten() {
        return written;
    }

    synchronized void writeSucceeded() {
        written = true;
        done.complete(null);
    }

    synchronized void writeFailed(Throwable error) {
        if (!dropped && closedUnderneath(error)) {
            lostWithConnection = error; // the next connection sends it again
        } else {
            done.completeExceptionally(error);
        }
    }

    /**
     * No longer kept for resending.
     *
     * @param consumed the server has it (so a pending write counts as done)
     */
    synchronized void drop(boolean consumed) {
        dropped = true;
        if (consumed) {
            done.complete(null);
        } else if (lostWithConnection != null) {
            done.completeExceptionally(lostWithConnection);
        }
    }

    /** Lost for good: the conversation ended before the server had it. */
    synchronized void fail(Throwable error) {
        dropped = true;
        done.completeExceptionally(error);
    }

    /** Sent again on a new connection: a fresh write decides. */
    synchronized void resent() {
        lostWithConnection = null;
    }

    private static boolean closedUnderneath(Throwable error) {
        Throwable t = error;
        while (t != null) {
            if (t instanceof LiveClientException e && e.close() != null) {
                return true;
            }
            t = t.getCause();
        }
        return false;
    }
}
