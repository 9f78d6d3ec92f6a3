package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

/** Each producer endpoint reports its conversations' connections to Camel's health checks. */
class HealthCheckTest extends EmulatorTestSupport {

    @Override
    protected org.apache.camel.CamelContext createCamelContext() throws Exception {
        org.apache.camel.CamelContext context = super.createCamelContext();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.setEnabled(true);
        registry.setExposureLevel("full");
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true); // off by default in Camel
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri("health", "model=" + MODEL_3));
            }
        };
    }

    private HealthCheck.Result check() {
        return HealthCheckHelper.invoke(context).stream()
                .filter(r -> r.getCheck().getId().equals("producer:gemini-live-health")).findFirst().orElseThrow();
    }

    @Test
    void upWithTheOpenSessionCountThenDownWhenTheServerIsGone() throws Exception {
        assertEquals("You said: hi", template.requestBody("direct:ask", "hi", String.class));
        HealthCheck.Result up = check();
        assertEquals(HealthCheck.State.UP, up.getState());
        Map<String, Object> details = up.getDetails();
        assertEquals(1, details.get(GeminiLiveHealthCheck.OPEN));

        emulator.close(); // the connection ends (1001) and no new one can open
        assertThrows(CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:ask", "anyone?",
                GeminiLiveConstants.CONVERSATION_ID, "other", String.class));
        await(() -> check().getState() == HealthCheck.State.DOWN, java.time.Duration.ofSeconds(10), "DOWN");
        HealthCheck.Result down = check();
        assertTrue(down.getMessage().orElse("").contains("the newest connection attempt failed"), down.getMessage().orElse(""));
        assertTrue(((Number) down.getDetails().get(GeminiLiveHealthCheck.FAILED)).longValue() >= 1);
    }
}
