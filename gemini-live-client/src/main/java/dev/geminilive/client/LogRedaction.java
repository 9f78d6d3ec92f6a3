package dev.geminilive.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the logs of the WebSocket stack. Tyrus prints the whole handshake request, headers included,
 * when its loggers are at FINE; Tyrus and Grizzly log through java.util.logging. A {@link Filter} on their loggers
 * rewrites every record before any handler sees it, whatever the level: the values of credential headers
 * ({@code x-goog-api-key}, {@code Authorization}, {@code Proxy-Authorization}), {@code key=} and {@code access_token=}
 * query parameters, and every credential value this JVM's clients connected with, wherever it appears (message,
 * parameters, exception messages), become {@value #REDACTED}.
 *
 * <p>JUL filters belong to one logger each (they are not inherited), so the filter goes on the loggers Tyrus and
 * Grizzly create, before their classes load, and on any logger of their packages that exists when a client connects.
 * A filter the application set on one of them runs after this one.
 */
final class LogRedaction {

    static final String REDACTED = "<redacted>";

    /** Loggers of the classes that handle handshakes and frames, created here so the filter is on them before use. */
    private static final String[] KNOWN_LOGGERS = {
            "org.glassfish.tyrus.client.TyrusClientEngine",
            "org.glassfish.tyrus.client.ClientManager",
            "org.glassfish.tyrus.client.auth.Authenticator",
            "org.glassfish.tyrus.client.auth.BasicAuthenticator",
            "org.glassfish.tyrus.client.auth.DigestAuthenticator",
            "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientSocket",
            "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter",
            "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer",
            "org.glassfish.tyrus.core.Handshake",
            "org.glassfish.tyrus.core.TyrusSession",
            "org.glassfish.tyrus.core.TyrusEndpointWrapper",
            "org.glassfish.tyrus.core.TyrusWebSocketEngine",
            "org.glassfish.tyrus.core.TyrusWebSocket",
            "org.glassfish.tyrus.core.ProtocolHandler",
            "org.glassfish.tyrus.core.TyrusRemoteEndpoint",
            "org.glassfish.tyrus.core.Utils",
            "org.glassfish.tyrus.core.DebugContext",
            "org.glassfish.tyrus.core.RequestContext",
            "org.glassfish.grizzly.http.HttpCodecFilter",
            "org.glassfish.grizzly.http.HttpClientFilter",
            "org.glassfish.grizzly.http.HttpHeader",
            "org.glassfish.grizzly.http.HttpRequestPacket",
            "org.glassfish.grizzly.filterchain.DefaultFilterChain",
            "org.glassfish.grizzly.nio.transport.TCPNIOTransport",
            "org.glassfish.grizzly.ssl.SSLFilter",
            "org.glassfish.grizzly.ssl.SSLBaseFilter",
    };

    /** Packages whose existing loggers get the filter on every connect. */
    private static final String[] PACKAGES = { "org.glassfish.tyrus", "org.glassfish.grizzly", "jakarta.websocket" };

    private static final Pattern HEADER = Pattern.compile(
            "(?i)(x-goog-api-key|proxy-authorization|authorization)(\"?\\s*[:=]\\s*\\[?\\s*\"?)([^\\r\\n\\],\"]*)");
    private static final Pattern QUERY = Pattern.compile("(?i)([?&](?:key|access_token)=)([^&\\s#\"'\\]]*)");
    private static final int MAX_SECRETS = 256;

    /** The credential values clients connected with, newest last; bounded, since supplied tokens rotate. */
    private static final Map<String, Boolean> SECRETS = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_SECRETS;
        }
    });

    /** Strong references: a logger with nothing else holding it could be collected, and its filter with it. */
    private static final List<Logger> FILTERED = new CopyOnWriteArrayList<>();

    private LogRedaction() {
    }

    /** Puts the filter on the WebSocket stack's loggers: the known ones, and any that exist in its packages now. */
    static void install() {
        for (String name : KNOWN_LOGGERS) {
            filter(Logger.getLogger(name));
        }
        LogManager manager = LogManager.getLogManager();
        for (String name : Collections.list(manager.getLoggerNames())) {
            for (String pkg : PACKAGES) {
                if (name.startsWith(pkg)) {
                    Logger logger = manager.getLogger(name);
                    if (logger != null) {
                        filter(logger);
                    }
                }
            }
        }
    }

    /** Remembers the credential values of an endpoint, so that they are redacted wherever they show up. */
    static void remember(LiveEndpoint endpoint) {
        endpoint.headers().forEach((name, value) -> {
            String n = name.toLowerCase(java.util.Locale.ROOT);
            if (n.equals("x-goog-api-key") || n.equals("authorization") || n.equals("proxy-authorization")) {
                String v = value.trim();
                int space = v.indexOf(' ');
                String credential = space > 0 && (n.endsWith("authorization")) ? v.substring(space + 1).trim() : v;
                if (credential.length() >= 4) {
                    SECRETS.put(credential, Boolean.TRUE);
                }
            }
        });
    }

    /** @return the text with every credential replaced; null stays null */
    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> secrets;
        synchronized (SECRETS) {
            secrets = new ArrayList<>(SECRETS.keySet());
        }
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, REDACTED);
            }
        }
        out = replace(HEADER, out, m -> m.group(1) + m.group(2) + (m.group(3).isBlank() ? m.group(3) : REDACTED));
        out = replace(QUERY, out, m -> m.group(1) + REDACTED);
        return out;
    }

    private static String replace(Pattern p, String text, java.util.function.Function<Matcher, String> with) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }

    private static void filter(Logger logger) {
        Filter existing = logger.getFilter();
        if (existing instanceof RedactingFilter) {
            return;
        }
        logger.setFilter(new RedactingFilter(existing));
        FILTERED.add(logger);
    }

    /** Rewrites a record's message, parameters and exception, then asks the filter it replaced, if any. */
    static final class RedactingFilter implements Filter {
        private final Filter next;

        RedactingFilter(Filter next) {
            this.next = next;
        }

        @Override
        public boolean isLoggable(LogRecord record) {
            record.setMessage(redact(record.getMessage()));
            Object[] params = record.getParameters();
            if (params != null) {
                Object[] safe = params.clone();
                for (int i = 0; i < safe.length; i++) {
                    if (safe[i] != null && !(safe[i] instanceof Number) && !(safe[i] instanceof Boolean)) {
                        String text = String.valueOf(safe[i]);
                        String redacted = redact(text);
                        if (!redacted.equals(text)) {
                            safe[i] = redacted;
                        }
                    }
                }
                record.setParameters(safe);
            }
            if (record.getThrown() != null) {
                record.setThrown(redact(record.getThrown()));
            }
            return next == null || next.isLoggable(record);
        }
    }

    /** @return the exception, or a copy whose messages (through the causes) hold no credential, with the same traces */
    static Throwable redact(Throwable t) {
        if (!holdsSecret(t, 0)) {
            return t;
        }
        return copy(t, 0);
    }

    private static boolean holdsSecret(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return false;
        }
        String text = t.toString();
        return !redact(text).equals(text) || holdsSecret(t.getCause(), depth + 1);
    }

    private static Throwable copy(Throwable t, int depth) {
        Throwable cause = t.getCause() == null || depth > 20 ? null : copy(t.getCause(), depth + 1);
        Redacted copy = new Redacted(redact(t.toString()), cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Stands in for an exception whose message held a credential; prints as the original's class and message. */
    static final class Redacted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Redacted(String description, Throwable cause) {
            super(description, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
