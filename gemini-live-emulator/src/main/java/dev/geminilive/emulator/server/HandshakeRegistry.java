package dev.geminilive.emulator.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the captured upgrade request over from the Grizzly filter to the Tyrus endpoint. The filter adds the tag as a
 * query parameter, the endpoint reads it back from the session; that is the only per-connection channel between the
 * two layers that Tyrus keeps separate for concurrent handshakes.
 */
public final class HandshakeRegistry {

    /** The query parameter that carries the tag. Clients cannot inject it: the filter strips any value they send. */
    public static final String TAG_PARAM = "__gemini_emulator_tag";

    private final AtomicLong nextTag = new AtomicLong(1);
    private final Map<Long, HandshakeInfo> pending = new ConcurrentHashMap<>();

    long nextTag() {
        return nextTag.getAndIncrement();
    }

    void put(HandshakeInfo info) {
        pending.put(info.tag(), info);
    }

    void remove(long tag) {
        pending.remove(tag);
    }

    /** @return the handshake of a tag, removed from the registry */
    public Optional<HandshakeInfo> claim(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(pending.remove(Long.parseLong(tag)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
