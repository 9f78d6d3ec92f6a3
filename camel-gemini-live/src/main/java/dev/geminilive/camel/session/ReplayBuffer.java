package dev.geminilive.camel.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The messages written on one connection that the server may not have consumed yet: those after the index of the
 * newest resumable handle ({@code lastConsumedClientMessageIndex}), or, where the server gives no index, those written
 * since the newest handle arrived and any input whose answer has not come. They are sent again when the conversation moves to a new connection. Bounded in
 * bytes: past the bound the oldest are given up (and the loss is reported). Guarded by the conversation's wire lock.
 */
final class ReplayBuffer {

    private final List<OutboundEntry> entries = new ArrayList<>();
    private final long maxBytes;
    private long bytes;
    private long overflowBytes;

    ReplayBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void add(OutboundEntry e) {
        entries.add(e);
        bytes += e.bytes;
        while (bytes > maxBytes && entries.size() > 1) {
            OutboundEntry oldest = entries.remove(0);
            bytes -= oldest.bytes;
            overflowBytes += oldest.bytes;
            oldest.drop(false);
        }
    }

    /** The server consumed everything up to this index. */
    void consumedThrough(long index) {
        removeIf(e -> e.index <= index, true);
    }

    /**
     * A handle without an index: what was written before it arrived is taken as in the handle's state, except input that
     * still waits for its answer. That one may have crossed the handle on the wire; only its answer proves the server has
     * it, so it is kept until {@link #answered}.
     */
    void consumedWritten() {
        removeIf(e -> e.isWritten() && e.owner == null, true);
    }

    /** The input's answer came: the server had it. */
    void answered(ExpectedAnswer owner) {
        removeIf(e -> e.owner == owner, true);
    }

    /** Its exchange gave up: do not send it again. */
    void abandon(ExpectedAnswer owner) {
        removeIf(e -> e.owner == owner, false);
    }

    /** @return the entries still to resend, and empties the buffer */
    List<OutboundEntry> takeAll() {
        List<OutboundEntry> all = new ArrayList<>(entries);
        entries.clear();
        bytes = 0;
        return all;
    }

    /** @return bytes given up because the buffer was full */
    long overflowBytes() {
        return overflowBytes;
    }

    int size() {
        return entries.size();
    }

    private void removeIf(java.util.function.Predicate<OutboundEntry> test, boolean consumed) {
        for (Iterator<OutboundEntry> it = entries.iterator(); it.hasNext();) {
            OutboundEntry e = it.next();
            if (test.test(e)) {
                it.remove();
                bytes -= e.bytes;
                e.drop(consumed);
            }
        }
    }
}
