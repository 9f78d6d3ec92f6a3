package dev.geminilive.camel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.geminilive.camel.session.SessionGroup;
import dev.geminilive.camel.session.SessionStats;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;

/**
 * The {@code gemini-live} dev console (camel-cli {@code camel get}, the developer web console, {@code /q/dev}): per
 * endpoint name, the sessions open, reconnecting and parked, conversations waiting, frames, reconnects, tokens by
 * modality and the time to the first frame of an answer.
 */
@DevConsole(group = "camel", name = "gemini-live", displayName = "Gemini Live", description = "Gemini Live sessions, frames, tokens and answer times")
public class GeminiLiveDevConsole extends AbstractDevConsole {

    public GeminiLiveDevConsole() {
        super("camel", "gemini-live", "Gemini Live", "Gemini Live sessions, frames, tokens and answer times");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        snapshot().forEach((name, values) -> {
            sb.append("gemini-live:").append(name).append('\n');
            values.forEach((key, value) -> sb.append("    ").append(key).append(": ").append(format(value)).append('\n'));
        });
        return sb.isEmpty() ? "No gemini-live endpoint is running\n" : sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("endpoints", snapshot());
        return root;
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
    }

    /** @return per endpoint name, what its sessions are doing; empty when the component was never used */
    private Map<String, Map<String, Object>> snapshot() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        if (!(getCamelContext().hasComponent("gemini-live") instanceof GeminiLiveComponent component)) {
            return out;
        }
        component.sessionGroups().forEach((name, group) -> out.put(name, values(group)));
        return out;
    }

    private static Map<String, Object> values(SessionGroup group) {
        SessionGroup.Health health = group.health();
        SessionStats stats = group.stats();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("openSessions", health.open());
        v.put("maxSessions", group.maxSessions());
        v.put("reconnectingSessions", health.reconnecting());
        v.put("parkedSessions", group.parkedNow());
        v.put("waitingForSession", group.waitingForSlot());
        v.put("parks", group.parkedCount());
        v.put("reconnects", stats.reconnects());
        v.put("connectionFailures", health.failures());
        v.put("framesIn", stats.framesIn());
        v.put("framesOut", stats.framesOut());
        v.put("answeredTurns", stats.answeredTurns());
        v.put("meanTimeToFirstResponseMillis", stats.meanFirstResponseMillis());
        v.put("maxTimeToFirstResponseMillis", stats.maxFirstResponseMillis());
        v.put("tokens", stats.tokens());
        return v;
    }
}
