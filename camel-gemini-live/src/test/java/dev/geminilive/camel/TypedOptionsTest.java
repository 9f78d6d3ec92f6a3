package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.camel.options.Backend;
import dev.geminilive.camel.options.ReplyFormat;
import dev.geminilive.camel.options.ReplyMode;
import dev.geminilive.camel.options.TurnPolicy;
import dev.geminilive.camel.session.EventTypes;
import dev.geminilive.protocol.RealtimeInputConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Options that take one of a few values are typed: any case works, a wrong value fails when the endpoint is created
 * naming the option, and the endpoint resolves its options once into settings its producers and consumers share.
 */
class TypedOptionsTest extends EmulatorTestSupport {

    private final List<LiveClientOptions> created = new CopyOnWriteArrayList<>();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        // autowired into the component by type
        registry.bind("countingClientFactory", (GeminiLiveClientFactory) options -> {
            created.add(options);
            return options.builder().maxIncomingMessageBytes(8 * 1024 * 1024).build();
        });
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:typed").to(uri("typed", "replyFormat=TURN&turnPolicy=Interrupt&backend=gemini&replyMode=ANSWER"
                                                     + "&activityHandling=no_interruption&connectTimeout=7000&maxConcurrentConnects=2"));
            }
        };
    }

    @Test
    void enumOptionsTakeAnyCaseAndResolveOnceIntoTheEndpointsSettings() {
        GeminiLiveEndpoint endpoint = context.getEndpoint(uri("typed", "replyFormat=TURN&turnPolicy=Interrupt&backend=gemini"
                                                                       + "&replyMode=ANSWER&activityHandling=no_interruption"
                                                                       + "&connectTimeout=7000"), GeminiLiveEndpoint.class);
        EndpointSettings settings = endpoint.settings();
        assertSame(settings, endpoint.settings(), "resolved once");
        assertEquals(ReplyFormat.TURN, settings.replyFormat());
        assertEquals(TurnPolicy.INTERRUPT, settings.turnPolicy());
        assertEquals(ReplyMode.ANSWER, settings.replyMode());
        assertEquals(Backend.GEMINI, endpoint.getConfiguration().getBackend());
        assertEquals(RealtimeInputConfig.ActivityHandling.NO_INTERRUPTION, settings.setup().realtimeInputConfig().activityHandling());
    }

    @Test
    void aWrongValueFailsWhenTheEndpointIsCreatedNamingTheOptionAndTheValue() {
        Exception e = assertThrows(Exception.class, () -> context.getEndpoint("gemini-live:bad?apiKey=k&replyFormat=mp3"));
        String chain = chain(e);
        assertTrue(chain.contains("replyFormat") && chain.contains("mp3"), chain);
    }

    @Test
    void theAutowiredClientFactoryCreatesTheClientsWithTheEndpointsOptions() {
        assertEquals("You said: hello", template.requestBody("direct:typed", "hello", LiveTurn.class).replyText());
        assertEquals(1, created.size(), "one client for the endpoint: " + created);
        assertEquals(java.time.Duration.ofMillis(7000), created.get(0).connectTimeout());
        assertEquals(2, created.get(0).maxConcurrentConnects());
    }

    @Test
    void theEventTypesOfTheOptionAndTheHeaderMetadataAreTheConsumersEventTypes() throws Exception {
        JsonNode json = ComponentDocsTest.componentJson();
        assertEquals(EventTypes.ALL, strings(json.at("/properties/events/enum")), "events option");
        assertEquals(EventTypes.ALL, strings(json.at("/headers/CamelGeminiLiveEventType/enum")), "event type header");
    }

    @Test
    void theJarListsItsComponentForCamelsCatalogTools() throws Exception {
        Properties p = new Properties();
        try (InputStream in = CamelContext.class.getClassLoader()
                .getResourceAsStream("META-INF/services/org/apache/camel/component.properties")) {
            assertNotNull(in);
        }
        // several jars carry the file: find ours
        boolean found = false;
        for (var url : java.util.Collections.list(getClass().getClassLoader()
                .getResources("META-INF/services/org/apache/camel/component.properties"))) {
            try (InputStream in = url.openStream()) {
                p.clear();
                p.load(in);
                if ("gemini-live".equals(p.getProperty("components"))) {
                    found = true;
                    assertEquals("dev.geminilive", p.getProperty("groupId"));
                    assertEquals("camel-gemini-live", p.getProperty("artifactId"));
                    assertTrue(p.getProperty("version").matches("\\d+\\.\\d+\\.\\d+.*"), p.getProperty("version"));
                }
            }
        }
        assertTrue(found, "component.properties names gemini-live");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (; t != null; t = t.getCause()) {
            b.append(t.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
