package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.ServerMessage;

class ExtensionTest {

    @RegisterExtension
    static GeminiLiveEmulatorExtension emulator = GeminiLiveEmulatorExtension.builder()
            .apiKey(Wire.KEY)
            .scenarioResource("scenarios/weather-tool.json")
            .configure(b -> b.maxSessionsPerKey(10))
            .build();

    @Test
    void exposesTheUrlTheSessionsAndTheirFrames(GeminiLiveEmulator injected) throws Exception {
        assertSame(emulator.emulator(), injected);
        assertTrue(emulator.url().startsWith("ws://127.0.0.1:"));
        try (RawLiveClient c = RawLiveClient.connect(emulator.liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send(Wire.textSetup(ModelCatalog.TEST_MODEL));
            c.await(m -> m.setupComplete() != null);
            c.send(Wire.realtimeText("weather?"));
            ServerMessage call = c.await(m -> m.toolCall() != null);
            EmulatorSession s = emulator.lastSession().orElseThrow();
            s.awaitFrame(f -> f.isOut() && f.server() != null && f.server().toolCall() != null, Duration.ofSeconds(5));
            assertEquals(call, emulator.frames(s.id()).stream().filter(f -> f.isOut() && f.server() != null && f.server().toolCall() != null)
                    .findFirst().orElseThrow().server());
        }
    }

    @Test
    void continuitySettingsReachTheEmulator() {
        GeminiLiveEmulatorExtension ext = GeminiLiveEmulatorExtension.builder().idleTimeout(Duration.ofSeconds(30))
                .resumptionUpdateInterval(Duration.ofSeconds(2)).rejectResumeWhileConnected(false).build();
        ext.beforeAll(null);
        try {
            EmulatorSettings s = ext.emulator().settings();
            assertEquals(Duration.ofSeconds(30), s.idleTimeout());
            assertEquals(Duration.ofSeconds(2), s.resumptionUpdateInterval());
            assertEquals(false, s.rejectResumeWhileConnected());
        } finally {
            ext.afterAll(null);
        }
    }

    @Test
    void injectsFaultsIntoTheLastSession() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(emulator.liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            c.await(m -> m.setupComplete() != null);
            emulator.awaitSession(emulator.sessions().size(), Duration.ofSeconds(1));
            emulator.faults().close(1011, "Internal error occurred.");
            assertEquals(1011, c.awaitClose().getCloseCode().getCode());
        }
    }
}
