package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Each credential reaches the endpoint it belongs to: API keys, ephemeral tokens, Vertex AI bearer tokens. */
class CredentialsTest extends EmulatorTestSupport {

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().apiKey(KEY);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:token").to("gemini-live:token?baseUrl=" + emulator.url() + "&authToken=auth_tokens/ephemeral-1&model="
                                        + MODEL_3);
                from("direct:alpha").to(uri("alpha", "model=" + MODEL_3 + "&apiVersion=v1alpha"));
                from("direct:vertex").to("gemini-live:vertex?baseUrl=" + emulator.url() + "&backend=vertex&project=my-project"
                                         + "&location=us-central1&bearerToken=ya29.token&model=gemini-live-2.5-flash"
                                         + "&responseModalities=AUDIO");
                from("direct:wrongKey").to("gemini-live:wrong?baseUrl=" + emulator.url() + "&apiKey=wrong-key&model=" + MODEL_3);
            }
        };
    }

    @Test
    void anEphemeralTokenUsesTheConstrainedEndpointOnV1alpha() {
        assertEquals("You said: hi", template.requestBody("direct:token", "hi", String.class));
        EmulatorSession s = emulator.sessions().get(0);
        assertTrue(s.path().constrained());
        assertEquals("v1alpha", s.path().apiVersion());
    }

    @Test
    void apiVersionSelectsThePath() {
        assertEquals("You said: hi", template.requestBody("direct:alpha", "hi", String.class));
        assertEquals("v1alpha", emulator.sessions().get(0).path().apiVersion());
        assertFalse(emulator.sessions().get(0).path().constrained());
    }

    @Test
    void vertexUsesTheLlmBidiServicePathAndTheFullModelName() {
        assertEquals("You said: hi", template.requestBody("direct:vertex", "hi", String.class));
        EmulatorSession s = emulator.sessions().get(0);
        assertTrue(s.path().vertex());
        assertEquals("projects/my-project/locations/us-central1/publishers/google/models/gemini-live-2.5-flash",
                s.setup().orElseThrow().model());
    }

    @Test
    void aWrongKeyFailsTheExchangeAndTheKeyIsNotInTheMessage() {
        CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:wrongKey", "hi", String.class));
        String message = e.getCause().getMessage();
        assertTrue(message.contains("1007") && message.contains("API key not valid"), message);
        assertFalse(message.contains("wrong-key"), message);
    }
}
