package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.geminilive.client.LiveClientException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Bad input and refused sessions fail the exchange with a clear error, and keys never show. */
class ProducerErrorsTest extends EmulatorTestSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").to(uri("chat", "model=" + MODEL_3));
                from("direct:badModel").to(uri("bad", "model=gemini-0-nonexistent"));
                from("direct:history").to(uri("history", "model=gemini-3.5-transcribe-live-preview&responseModalities=TEXT"));
            }
        };
    }

    @Test
    void anUnsupportedBodyNamesItsType() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:chat", new Object()));
        assertTrue(e.getCause().getMessage().startsWith("Cannot send a body of type java.lang.Object to Gemini Live"),
                e.getCause().getMessage());
        assertEquals(0, emulator.sessions().size(), "nothing was sent");
    }

    @Test
    void anUnknownModelFailsTheExchangeWithTheServersReason() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:badModel", "hello"));
        LiveClientException cause = assertInstanceOf(LiveClientException.class, e.getCause());
        assertEquals(1008, cause.close().code());
        assertTrue(cause.getMessage().contains("models/gemini-0-nonexistent is not found"), cause.getMessage());
    }

    @Test
    void anInvalidRawMessageIsRefusedBeforeSending() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:chat", "{\"realtimeInput\":{\"txt\":\"hi\"}}",
                        GeminiLiveConstants.MESSAGE_TYPE, "raw"));
        assertEquals("Invalid raw Live message: Invalid JSON payload received. Unknown name \"txt\" at 'realtime_input': "
                     + "Cannot find field.", e.getCause().getMessage());
    }

    @Test
    void historyOnATranscriptionModelIsRefusedBeforeSending() {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBodyAndHeader("direct:history", "[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]",
                        GeminiLiveConstants.MESSAGE_TYPE, "clientContent"));
        assertEquals("gemini-3.5-transcribe-live-preview takes no clientContent: send audio", e.getCause().getMessage());
        assertEquals(0, emulator.sessions().size());
    }

    @Test
    void everySecretOptionIsMaskedInSanitizedUris() {
        String sanitized = org.apache.camel.util.URISupport.sanitizeUri(
                "gemini-live:x?apiKey=k-secret&authToken=auth_tokens/t-secret&bearerToken=b-secret&model=m");
        assertFalse(sanitized.contains("secret"), sanitized);
        assertTrue(sanitized.contains("model=m"), sanitized);
    }

    @Test
    void theApiKeyNeverShowsInEndpointUrisOrNames() {
        template.requestBody("direct:chat", "hi", String.class);
        for (Endpoint endpoint : context.getEndpoints()) {
            if (endpoint instanceof GeminiLiveEndpoint) {
                assertFalse(endpoint.toString().contains(KEY), endpoint.toString());
                assertFalse(org.apache.camel.util.URISupport.sanitizeUri(endpoint.getEndpointUri()).contains(KEY),
                        endpoint.getEndpointUri());
            }
        }
    }
}
