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
                // a consumer opens no connection: it receives the events of the sessions the producer of its name opens
                from("gemini-live:shared?events=turnComplete").to("mock:sharedEvents");
                from("direct:shared").to(uri("shared", "model=" + MODEL_3));
                // the recommended forms: a property placeholder, or the key on the component, out of every URI
                context.getPropertiesComponent().addInitialProperty("gemini.key", KEY);
                from("direct:placeholder").routeId("placeholder")
                        .to("gemini-live:placeholder?baseUrl=" + emulator.url() + "&apiKey={{gemini.key}}&model=" + MODEL_3);
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

    @Test
    void aConsumerWithoutCredentialsStartsAndReceivesTheEventsOfItsNamesProducer() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("GEMINI_API_KEY") == null && System.getenv("GOOGLE_API_KEY") == null);
        org.apache.camel.component.mock.MockEndpoint events = getMockEndpoint("mock:sharedEvents");
        events.expectedMessageCount(1);
        events.expectedHeaderReceived(GeminiLiveConstants.EVENT_TYPE, "turnComplete");
        assertEquals("You said: hi", template.requestBody("direct:shared", "hi", String.class));
        events.assertIsSatisfied();
    }

    @Test
    void aKeyFromAPropertyPlaceholderWorksAndStaysOutOfTheRouteDefinition() {
        assertEquals("You said: hi", template.requestBody("direct:placeholder", "hi", String.class));
        org.apache.camel.model.ToDefinition to = (org.apache.camel.model.ToDefinition) context.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.model.Model.class).getRouteDefinition("placeholder").getOutputs().get(0);
        assertTrue(to.getUri().contains("apiKey={{gemini.key}}"), to.getUri());
        assertFalse(to.getUri().contains(KEY), to.getUri());
    }
}
