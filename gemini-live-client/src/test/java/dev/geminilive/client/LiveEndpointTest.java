package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LiveEndpointTest {

    @Test
    void geminiApiDefaultsToGoogleHostAndV1betaWithKeyInHeader() {
        LiveEndpoint e = LiveEndpoint.geminiApi(null, null, "secret-key");
        assertEquals("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
                e.uri().toString());
        assertEquals(Map.of("x-goog-api-key", "secret-key"), e.headers());
        assertFalse(e.uri().toString().contains("secret-key"));
    }

    @Test
    void apiVersionAndLocalBaseUrlAreHonoured() {
        LiveEndpoint e = LiveEndpoint.geminiApi("http://127.0.0.1:9000/", "v1alpha", "k");
        assertEquals("ws://127.0.0.1:9000/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent",
                e.uri().toString());
        assertEquals("wss://h:1/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent",
                LiveEndpoint.geminiApi("https://h:1", null, "k").uri().toString());
    }

    @Test
    void ephemeralTokenUsesConstrainedEndpointOnV1alphaWithTokenHeader() {
        LiveEndpoint e = LiveEndpoint.ephemeralToken(null, null, "auth_tokens/abc");
        assertEquals("wss://generativelanguage.googleapis.com/ws/google.ai.generativelanguage.v1alpha.GenerativeService."
                + "BidiGenerateContentConstrained", e.uri().toString());
        assertEquals("Token auth_tokens/abc", e.headers().get("Authorization"));
    }

    @Test
    void vertexUsesRegionalHostSlashSeparatorAndBearer() {
        LiveEndpoint e = LiveEndpoint.vertex(null, "us-central1", null, "tok", "proj");
        assertEquals("wss://us-central1-aiplatform.googleapis.com/ws/google.cloud.aiplatform.v1beta1.LlmBidiService/BidiGenerateContent",
                e.uri().toString());
        assertEquals("Bearer tok", e.headers().get("Authorization"));
        assertEquals("proj", e.headers().get("x-goog-user-project"));
        assertTrue(e.isVertex());
        assertEquals("wss://aiplatform.googleapis.com/ws/google.cloud.aiplatform.v1.LlmBidiService/BidiGenerateContent",
                LiveEndpoint.vertex(null, "global", "v1", "tok", null).uri().toString());
    }

    @Test
    void toStringNeverShowsCredentials() {
        assertFalse(LiveEndpoint.geminiApi(null, null, "secret-key").toString().contains("secret-key"));
        assertFalse(LiveEndpoint.ephemeralToken(null, null, "auth_tokens/secret").toString().contains("secret"));
        assertFalse(LiveEndpoint.vertex(null, "global", null, "secret", null).toString().contains("secret"));
    }

    @Test
    void missingCredentialOrBadSchemeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveEndpoint.geminiApi(null, null, " "));
        assertEquals("No API key given for the Gemini Live endpoint", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> LiveEndpoint.geminiApi("ftp://x?key=secret", null, "k"));
        assertTrue(s.getMessage().contains("ftp://x?<redacted>"), s.getMessage());
        assertFalse(s.getMessage().contains("secret"));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> LiveEndpoint.geminiApi("ftp://user:secret@host/x", null, "k"));
        assertTrue(u.getMessage().contains("ftp://<redacted>@host/x"), u.getMessage());
        assertFalse(u.getMessage().contains("secret"));
    }
}
