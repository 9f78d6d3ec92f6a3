package dev.geminilive.camel;

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
        positive("maxConcurrentConnects", c.getMaxConcurrentConnects());
        if (c.getAudioChunkMillis() < 10 || c.getAudioChunkMillis() > 10_000) {
            throw new IllegalArgumentException("audioChunkMillis must be between 10 and 10000: " + c.getAudioChunkMillis());
        }
        positive("maxConcurrentSessions", c.effectiveMaxConcurrentSessions());
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
    }

    private static void positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
    }
}
