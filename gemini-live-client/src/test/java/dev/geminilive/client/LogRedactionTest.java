package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** Credentials are rewritten in every form the WebSocket stack prints them, before any handler sees a record. */
class LogRedactionTest {

    @Test
    void credentialHeadersAndQueryParametersAreRedactedInEveryPrintedForm() {
        assertEquals("> x-goog-api-key: <redacted>\n> Upgrade: websocket",
                LogRedaction.redact("> x-goog-api-key: AIzaSomething\n> Upgrade: websocket"));
        assertEquals("{Authorization=[<redacted>], Host=[h]}", LogRedaction.redact("{Authorization=[Bearer ya29.abc], Host=[h]}"));
        assertEquals("\"authorization\": \"<redacted>\"", LogRedaction.redact("\"authorization\": \"Token auth_tokens/x\""));
        assertEquals("Proxy-Authorization: <redacted>", LogRedaction.redact("Proxy-Authorization: Basic dXNlcjpwYXNz"));
        assertEquals("GET /ws/x?key=<redacted>&alt=json", LogRedaction.redact("GET /ws/x?key=AIzaQuery&alt=json"));
        assertEquals("wss://h/ws/c?access_token=<redacted>", LogRedaction.redact("wss://h/ws/c?access_token=auth_tokens/t"));
        assertEquals("Authorization failed for this request", LogRedaction.redact("Authorization failed for this request"),
                "prose that names a header is left alone");
    }

    @Test
    void aRememberedCredentialIsRedactedWhereverItAppears() {
        LogRedaction.remember(LiveEndpoint.vertex("ws://127.0.0.1:1", "us-central1", null, "ya29.rememberedToken", "p"));
        LogRedaction.remember(LiveEndpoint.geminiApi("ws://127.0.0.1:1", null, "AIzaRememberedKey"));
        assertEquals("token <redacted> and key <redacted> in prose",
                LogRedaction.redact("token ya29.rememberedToken and key AIzaRememberedKey in prose"));
    }

    @Test
    void aFilteredLoggerRedactsMessageParametersAndExceptionsAtAnyLevel() {
        LogRedaction.install();
        Logger logger = Logger.getLogger("org.glassfish.tyrus.client.TyrusClientEngine");
        List<LogRecord> seen = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.FINEST);
        logger.addHandler(handler);
        try {
            logger.log(Level.FINEST, "headers {0}", Map.of("x-goog-api-key", List.of("AIzaParamKey")));
            IllegalStateException failure = new IllegalStateException("wrapped", new RuntimeException("x-goog-api-key: AIzaInCause"));
            logger.log(Level.FINE, "failed", failure);
            IllegalStateException harmless = new IllegalStateException("nothing secret");
            logger.log(Level.FINE, "failed", harmless);
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        assertEquals("x-goog-api-key=[<redacted>]", String.valueOf(seen.get(0).getParameters()[0]).replaceAll("[{}]", ""));
        StringWriter trace = new StringWriter();
        seen.get(1).getThrown().printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains("AIzaInCause"), trace.toString());
        assertTrue(trace.toString().contains("java.lang.IllegalStateException: wrapped"), trace.toString());
        assertTrue(trace.toString().contains("x-goog-api-key: <redacted>"), trace.toString());
        assertTrue(trace.toString().contains("LogRedactionTest"), "the stack trace is kept");
        assertSame(IllegalStateException.class, seen.get(2).getThrown().getClass(), "an exception with nothing secret is untouched");
    }
}
