package dev.geminilive.camel;

import java.util.Map;

import dev.geminilive.camel.session.SessionGroup;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Health of a gemini-live endpoint's connections: DOWN while its newest connection attempt failed and no conversation
 * is connected; details give the open, reconnecting and failed counts.
 */
final class GeminiLiveHealthCheck extends AbstractHealthCheck {

    static final String OPEN = "gemini.live.sessions.open";
    static final String RECONNECTING = "gemini.live.sessions.reconnecting";
    static final String FAILED = "gemini.live.connections.failed";

    private final GeminiLiveEndpoint endpoint;

    GeminiLiveHealthCheck(GeminiLiveEndpoint endpoint, String kind) {
        super("camel", kind + ":gemini-live-" + endpoint.getName());
        this.endpoint = endpoint;
    }

    @Override
    public boolean isLiveness() {
        return false; // a remote service being unreachable is not a reason to restart this JVM
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        SessionGroup group = endpoint.getComponent().sessionGroup(endpoint.getName());
        if (group == null) {
            builder.down().message("gemini-live:" + endpoint.getName() + " is not started");
            return;
        }
        SessionGroup.Health h = group.health();
        builder.detail(OPEN, h.open());
        builder.detail(RECONNECTING, h.reconnecting());
        builder.detail(FAILED, h.failures());
        if (h.failing() && h.open() == 0) {
            builder.down().message("gemini-live:" + endpoint.getName() + ": the newest connection attempt failed: " + h.lastFailure());
        } else {
            builder.up();
        }
    }
}
