package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmulatorMainTest {

    @Test
    void commandLineStartsAnEmulatorAndPrintsItsUrl(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.json");
        Files.writeString(scenario, "{\"rules\":[{\"on\":{\"textContains\":\"ping\"},\"do\":[{\"reply\":\"pong\"}]}]}");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String[] args = {"--port", "0", "--bind", "127.0.0.1", "--key", "k1", "--key", "k2", "--scenario", scenario.toString(),
            "--connection-lifetime", "10m", "--go-away-lead", "50s", "--models", "models/gemini-live-test,gemini-3.1-flash-live-preview"};
        try (GeminiLiveEmulator e = EmulatorMain.start(args, new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            Matcher m = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+)").matcher(buf.toString(StandardCharsets.UTF_8));
            assertTrue(m.find(), buf.toString(StandardCharsets.UTF_8));
            String url = m.group(1);
            assertEquals(2, e.settings().models().models().size());
            assertEquals(Duration.ofMinutes(10), e.settings().connectionLifetime());
            try (RawLiveClient c = RawLiveClient.connect(url + LivePath.gemini("v1beta", false), Map.of("x-goog-api-key", "k2"))) {
                c.send(Wire.textSetup(ModelCatalog.TEST_MODEL));
                c.await(x -> x.setupComplete() != null);
                c.send(Wire.realtimeText("ping"));
                assertEquals("pong", Wire.text(c.awaitTurns(1)));
            }
        }
    }

    @Test
    void tlsWritesATrustStoreWithTheCertificate(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("trust.p12");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (GeminiLiveEmulator e = EmulatorMain.start(new String[] {"--tls", "--trust-store", store.toString()},
                new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            assertTrue(buf.toString(StandardCharsets.UTF_8).contains("wss://127.0.0.1:"));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            assertEquals(e.tls().certificate(), ks.getCertificate("gemini-live-emulator"));
        }
    }

    @Test
    void continuityOptionsReachTheSettings() throws Exception {
        EmulatorSettings defaults = EmulatorMain.parse(new String[0]).builder().settings();
        assertEquals(Duration.ZERO, defaults.idleTimeout());
        assertEquals(Duration.ZERO, defaults.resumptionUpdateInterval());
        assertTrue(defaults.rejectResumeWhileConnected());
        EmulatorSettings s = EmulatorMain.parse(new String[] {"--idle-timeout", "30s", "--resumption-update-interval", "2s",
            "--allow-resume-while-connected"}).builder().settings();
        assertEquals(Duration.ofSeconds(30), s.idleTimeout());
        assertEquals(Duration.ofSeconds(2), s.resumptionUpdateInterval());
        assertEquals(false, s.rejectResumeWhileConnected());
        assertTrue(EmulatorMain.USAGE.contains("--idle-timeout") && EmulatorMain.USAGE.contains("--resumption-update-interval")
                && EmulatorMain.USAGE.contains("--allow-resume-while-connected"));
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--nope", "1"}));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--connection-lifetime", "soon"}));
        assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parse(new String[] {"--trust-store", "x.p12"}));
    }

    @Test
    void durationsReadAsTyped() {
        assertEquals(Duration.ofMillis(500), DurationArg.parse("500ms"));
        assertEquals(Duration.ofSeconds(50), DurationArg.parse("50s"));
        assertEquals(Duration.ofMinutes(10), DurationArg.parse("10m"));
        assertEquals(Duration.ofHours(2), DurationArg.parse("2h"));
        assertEquals(Duration.ofMinutes(10), DurationArg.parse("PT10M"));
    }
}
