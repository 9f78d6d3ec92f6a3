package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jakarta.websocket.DeploymentException;

import dev.geminilive.protocol.ServerMessage;

class EndpointTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    @Test
    void bindsLoopbackOnAFreePortByDefault() throws Exception {
        assertTrue(EMULATOR.emulator().port() > 0 && EMULATOR.emulator().port() != 8025);
        assertEquals("ws://127.0.0.1:" + EMULATOR.emulator().port(), EMULATOR.emulator().url());
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", EMULATOR.emulator().port()), 1000);
            assertTrue(s.isConnected());
        }
    }

    @Test
    void everyGeminiApiVersionAnswersSetupComplete() throws Exception {
        for (String v : LivePath.GEMINI_VERSIONS) {
            try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl(v), Wire.KEY_HEADER)) {
                c.send(Wire.setup(ModelCatalog.TEST_MODEL));
                ServerMessage m = c.await(x -> x.setupComplete() != null);
                assertNull(m.setupComplete().sessionId(), "the Gemini API answers setupComplete {}");
            }
        }
    }

    @Test
    void doubleSlashPathFromJsAndPythonSdksIsServed() throws Exception {
        String url = EMULATOR.emulator().url() + "/" + LivePath.gemini("v1beta", false) + "?key=" + Wire.KEY;
        try (RawLiveClient c = RawLiveClient.connect(url, Map.of())) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertNotNull(c.await(m -> m.setupComplete() != null));
        }
        assertEquals(LivePath.gemini("v1beta", false), EMULATOR.emulator().lastSession().orElseThrow().path().path());
    }

    @Test
    void constrainedPathTakesAnEphemeralTokenInQueryOrAuthorizationHeader() throws Exception {
        String url = EMULATOR.emulator().url() + LivePath.gemini("v1alpha", true);
        try (RawLiveClient c = RawLiveClient.connect(url + "?access_token=auth_tokens/abc", Map.of())) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertNotNull(c.await(m -> m.setupComplete() != null));
        }
        try (RawLiveClient c = RawLiveClient.connect(url, Map.of("Authorization", "Token auth_tokens/xyz"))) {
            c.send(Wire.setup(ModelCatalog.TEST_MODEL));
            assertNotNull(c.await(m -> m.setupComplete() != null));
        }
    }

    @Test
    void vertexPathWithBearerAnswersSetupCompleteWithSessionId() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().url() + LivePath.vertex("v1beta1"), Map.of("Authorization", "Bearer ya29.x"))) {
            c.send(Wire.setup("projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash"));
            ServerMessage m = c.await(x -> x.setupComplete() != null);
            assertNotNull(m.setupComplete().sessionId());
        }
    }

    @Test
    void unknownPathFailsTheHandshakeWith404() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> RawLiveClient.connect(EMULATOR.emulator().url() + "/ws/google.ai.generativelanguage.v1beta.GenerativeService.Nope", Wire.KEY_HEADER));
        Throwable cause = e;
        while (cause != null && !(cause instanceof AuthenticationException) && !(cause instanceof org.glassfish.tyrus.core.HandshakeException)) {
            cause = cause.getCause();
        }
        assertNotNull(cause, "a handshake failure: " + e);
        assertEquals(404, ((org.glassfish.tyrus.core.HandshakeException) cause).getHttpStatusCode());
    }
}
