package dev.geminilive.emulator;

import java.util.HashMap;
import java.util.Map;

/** Counts open sessions per credential, to refuse the one past the limit as the real server does. */
final class ConcurrencyGate {

    private final int max;
    private final Map<String, Integer> open = new HashMap<>();

    ConcurrencyGate(int max) {
        this.max = max;
    }

    /** @return whether another session may start for this credential; counts it if so */
    synchronized boolean tryAcquire(String credential) {
        int n = open.getOrDefault(credential, 0);
        if (n >= max) {
            return false;
        }
        open.put(credential, n + 1);
        return true;
    }

    synchronized void release(String credential) {
        open.computeIfPresent(credential, (k, n) -> n <= 1 ? null : n - 1);
    }
}
