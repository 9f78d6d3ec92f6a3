package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** Options that cannot work stop the route from starting, with a message naming the option. */
class ConfigurationChecksTest {

    @Test
    void aNonPositiveTimeoutIsRefusedAtStart() {
        assertStartFails("gemini-live:x?apiKey=k&turnTimeout=0", "turnTimeout must be positive, not 0");
    }

    @Test
    void anUnknownBackendIsRefusedAtStart() {
        assertStartFails("gemini-live:x?apiKey=k&backend=vertexai", "backend must be gemini or vertex, not: vertexai");
    }

    @Test
    void aMissingApiKeyIsRefusedAtStartNotAtTheFirstExchange() {
        if (System.getenv("GEMINI_API_KEY") == null && System.getenv("GOOGLE_API_KEY") == null) {
            assertStartFails("gemini-live:x", "No Gemini API key: set the apiKey option");
        }
    }

    @Test
    void aMissingBearerTokenIsRefusedAtStartOnVertex() {
        assertStartFails("gemini-live:x?backend=vertex&project=p", "The bearerToken option (or bearerTokenSupplier) is required for "
                                                                   + "backend=vertex");
    }

    @Test
    void aConsumerStartsWithoutCredentialsSinceItOpensNoConnection() throws Exception {
        if (System.getenv("GEMINI_API_KEY") == null && System.getenv("GOOGLE_API_KEY") == null) {
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("gemini-live:x").to("log:events");
                        from("gemini-live:v?backend=vertex&project=p").to("log:events");
                    }
                });
                context.start();
                assertTrue(context.getRouteController().getRouteStatus(context.getRoutes().get(0).getRouteId()).isStarted());
            }
        }
    }

    @Test
    void withLazyStartProducerAMissingKeyFailsTheFirstExchangeInstead() throws Exception {
        if (System.getenv("GEMINI_API_KEY") == null && System.getenv("GOOGLE_API_KEY") == null) {
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to("gemini-live:x?lazyStartProducer=true");
                    }
                });
                context.start();
                Exception e = assertThrows(Exception.class, () -> context.createProducerTemplate().requestBody("direct:in", "hi"));
                assertTrue(String.valueOf(e.getCause()).contains("No Gemini API key"), String.valueOf(e.getCause()));
            }
        }
    }

    @Test
    void aToolEndpointForAnUndeclaredFunctionIsRefusedAtStart() {
        assertStartFails("gemini-live:x?apiKey=k&toolEndpoint.nope=direct:nope",
                "toolEndpoint.nope names a function that the functions option does not declare");
    }

    @Test
    void anUnknownToolErrorMessageIsRefusedAtStart() {
        assertStartFails("gemini-live:x?apiKey=k&toolErrorMessage=verbose", "toolErrorMessage must be generic, class or message, not: verbose");
    }

    @Test
    void anUnknownResponseModalityIsRefusedAtStart() {
        assertStartFails("gemini-live:x?apiKey=k&responseModalities=SMELL", "responseModalities must be AUDIO or TEXT, not: SMELL");
    }

    private static void assertStartFails(String uri, String message) {
        Exception e = assertThrows(Exception.class, () -> {
            try (CamelContext context = new DefaultCamelContext()) {
                context.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:in").to(uri);
                    }
                });
                context.start();
            }
        });
        Throwable t = e;
        StringBuilder chain = new StringBuilder();
        boolean found = false;
        while (t != null) {
            chain.append(t.getMessage()).append(" | ");
            found |= t.getMessage() != null && t.getMessage().contains(message);
            t = t.getCause();
        }
        assertTrue(found, chain.toString());
    }
}
