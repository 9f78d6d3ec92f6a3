package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.junit.jupiter.api.Test;

/** JMX and the dev console show what an endpoint's sessions do: sessions, parking, frames, tokens, answer times. */
class ObservabilityTest extends EmulatorTestSupport {

    @Override
    protected boolean useJmx() {
        return true;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:obs").to(uri("observed", "maxConcurrentSessions=1"));
            }
        };
    }

    @Test
    void jmxShowsSessionsParkingFramesTokensAndTimeToFirstResponse() throws Exception {
        assertEquals("You said: first", template.requestBodyAndHeader("direct:obs", "first", GeminiLiveConstants.CONVERSATION_ID, "a",
                String.class));
        // a second conversation over the one session: the first is parked for it
        assertEquals("You said: second", template.requestBodyAndHeader("direct:obs", "second", GeminiLiveConstants.CONVERSATION_ID, "b",
                String.class));

        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = jmx.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName()
                                                              + ",type=endpoints,name=*"), null);
        ObjectName endpoint = names.stream().filter(n -> n.getKeyProperty("name").contains("gemini-live://observed")).findFirst()
                .orElseThrow(() -> new AssertionError("no gemini-live endpoint MBean in " + names));

        assertEquals(1, jmx.getAttribute(endpoint, "OpenSessions"));
        assertEquals(1, jmx.getAttribute(endpoint, "ParkedSessions"), "conversation a waits in the store");
        assertEquals(1L, jmx.getAttribute(endpoint, "Parks"));
        assertEquals(2L, jmx.getAttribute(endpoint, "FramesOut"), "one text turn per conversation");
        assertTrue((Long) jmx.getAttribute(endpoint, "FramesIn") >= 4, "setupComplete and answer frames");
        assertEquals(2L, jmx.getAttribute(endpoint, "AnsweredTurns"));
        double mean = (Double) jmx.getAttribute(endpoint, "MeanTimeToFirstResponse");
        double max = (Double) jmx.getAttribute(endpoint, "MaxTimeToFirstResponse");
        assertTrue(mean > 0 && max >= mean, "mean " + mean + ", max " + max);
        assertTrue((Long) jmx.getAttribute(endpoint, "TotalTokens") > 0);
        @SuppressWarnings("unchecked")
        Map<String, Long> byModality = (Map<String, Long>) jmx.invoke(endpoint, "tokensByModality", null, null);
        assertEquals(jmx.getAttribute(endpoint, "TotalTokens"), byModality.get("total"));
        assertTrue(byModality.keySet().stream().anyMatch(k -> k.startsWith("prompt.")), byModality.toString());
        assertEquals(byModality.getOrDefault("prompt.TEXT", 0L), jmx.getAttribute(endpoint, "PromptTextTokens"));
    }

    @Test
    void theDevConsoleListsEachEndpointNameWithItsSessionsAndTokens() throws Exception {
        template.requestBodyAndHeader("direct:obs", "hello", GeminiLiveConstants.CONVERSATION_ID, "c", String.class);
        DevConsole console = context.getCamelContextExtension().getContextPlugin(DevConsoleResolver.class).resolveDevConsole("gemini-live");
        assertNotNull(console, "the gemini-live dev console is found by its id");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("gemini-live:observed") && text.contains("openSessions: 1") && text.contains("answeredTurns: 1"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> observed = (Map<String, Object>) ((Map<String, Object>) json.get("endpoints")).get("observed");
        assertEquals(1, observed.get("openSessions"));
        assertTrue(((Number) observed.get("framesIn")).longValue() >= 2, observed.toString());
    }
}
