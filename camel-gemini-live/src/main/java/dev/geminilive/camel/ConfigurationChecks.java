package dev.geminilive.camel;

import java.util.Locale;

/** Refuses option values that cannot work, naming the option. */
final class ConfigurationChecks {

    private ConfigurationChecks() {
    }

    static void check(GeminiLiveConfiguration c) {
        positive("connectTimeout", c.getConnectTimeout());
        positive("setupTimeout", c.getSetupTimeout());
        positive("turnTimeout", c.getTurnTimeout());
        positive("toolTimeout", c.getToolTimeout());
        positive("sessionAcquireTimeout", c.getSessionAcquireTimeout());
        positive("writeTimeout", c.getWriteTimeout());
        positive("maxPendingBytes", c.getMaxPendingBytes());
        positive("maxConcurrentSessions", c.effectiveMaxConcurrentSessions());
        oneOf("turnPolicy", c.getTurnPolicy(), "queue", "interrupt");
        oneOf("interruptedReply", c.getInterruptedReply(), "fail", "partial");
        positive("reconnectInitialDelay", c.getReconnectInitialDelay());
        positive("reconnectMaxDelay", c.getReconnectMaxDelay());
        positive("resumptionHandleTtl", c.getResumptionHandleTtl());
        if (c.getReconnectMaxAttempts() < 0) {
            throw new IllegalArgumentException("reconnectMaxAttempts must be 0 (never reconnect) or positive, not "
                                               + c.getReconnectMaxAttempts());
        }
        if (c.getHistoryMaxTurns() < 0) {
            throw new IllegalArgumentException("historyMaxTurns must be 0 (keep none) or positive, not " + c.getHistoryMaxTurns());
        }
        if (c.getMaxReplayBytes() < 1024) {
            throw new IllegalArgumentException("maxReplayBytes must be at least 1024, not " + c.getMaxReplayBytes());
        }
        if (c.getSessionIdleTimeout() < 0) {
            throw new IllegalArgumentException("sessionIdleTimeout must be 0 (never) or positive, not " + c.getSessionIdleTimeout());
        }
        String backend = c.getBackend() == null ? "gemini" : c.getBackend().trim().toLowerCase(Locale.ROOT);
        if (!backend.equals("gemini") && !backend.equals("vertex")) {
            throw new IllegalArgumentException("backend must be gemini or vertex, not: " + c.getBackend());
        }
        ModelProfileChecks.check(c, Profiles.of(c), SetupFactory.modalities(c));
    }

    private static void oneOf(String option, String value, String... allowed) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return;
            }
        }
        throw new IllegalArgumentException(option + " must be " + String.join(" or ", allowed) + ", not: " + value);
    }

    private static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }
}
