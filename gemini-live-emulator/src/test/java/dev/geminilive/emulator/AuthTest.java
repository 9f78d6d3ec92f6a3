package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder()
            .configure(b -> b.apiKey("good-key"))
            .build();

    @Test
    void configuredKeyInHeaderIsAcceptedAndExtraHeadersIgnored() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"),
                Map.of("x-goog-api-key", "good-key", "x-goog-api-client", "google-genai-sdk/2.0.0", "X-Anything", "1"))) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertNotNull(c.await(m -> m.setupComplete() != null));
        }
    }

    @Test
    void configuredKeyInQueryIsAccepted() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta") + "?key=good-key", Map.of())) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertNotNull(c.await(m -> m.setupComplete() != null));
        }
    }

    @Test
    void wrongKeyClosesWith1007ApiKeyNotValid() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Map.of("x-goog-api-key", "bad-key"))) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            CloseReason r = c.awaitClose();
            assertEquals(1007, r.getCloseCode().getCode());
            assertEquals("API key not valid. Please pass a valid API key.", r.getReasonPhrase());
            assertFalse(c.frames().stream().anyMatch(f -> f.text().contains("setupComplete")));
        }
    }

    @Test
    void missingKeyClosesWith1008UnregisteredCaller() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Map.of())) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            CloseReason r = c.awaitClose();
            assertEquals(1008, r.getCloseCode().getCode());
            assertEquals(CloseReasons.truncate(CloseReasons.UNREGISTERED_CALLER), r.getReasonPhrase());
        }
    }

    @Test
    void constrainedPathWithoutTokenClosesWith1008() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().url() + LivePath.gemini("v1alpha", true), Map.of("x-goog-api-key", "good-key"))) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertEquals(1008, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void theKeyNeverAppearsInRecordsSessionsOrCloseReasons() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta") + "?key=good-key", Map.of())) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            c.await(m -> m.setupComplete() != null);
        }
        EmulatorSession s = EMULATOR.emulator().lastSession().orElseThrow();
        String everything = s + " " + s.path() + " " + s.allFrames() + " " + EMULATOR.emulator().settings();
        assertFalse(everything.contains("good-key"), everything);
    }

    @Test
    void redactorMasksKeysTokensAndAuthorizationValues() {
        String masked = Redactor.redact("GET /ws?key=abc&access_token=auth_tokens/t x-goog-api-key: k1 Authorization: Bearer ya29");
        assertFalse(masked.contains("abc") || masked.contains("auth_tokens/t") || masked.contains("k1") || masked.contains("ya29"), masked);
    }
}
