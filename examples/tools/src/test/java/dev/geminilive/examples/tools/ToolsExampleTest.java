package dev.geminilive.examples.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example's three tools, each reached through the model, on the emulator. */
class ToolsExampleTest {

    private GeminiLiveEmulator emulator;
    private RatesServer rates;
    private CamelContext camel;
    private ProducerTemplate template;

    @BeforeEach
    void start() throws Exception {
        emulator = GeminiLiveEmulator.builder().start();
        rates = RatesServer.start();
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        gemini.getConfiguration().setBaseUrl(emulator.url());
        gemini.getConfiguration().setApiKey("test-key");
        camel = new DefaultCamelContext();
        camel.addComponent("gemini-live", gemini);
        camel.getRegistry().bind("unitConverter", new UnitConverter());
        camel.addRoutes(new ToolsExample.ToolRoutes(rates.url()));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        rates.close();
        emulator.close();
    }

    @Test
    void aDirectRouteAnswersGetWeather() {
        String answer = template.requestBody("direct:ask", "What is the weather? get_weather city=Paris", String.class);
        assertEquals("The get_weather tool returned {\"output\":{\"city\":\"Paris\",\"sky\":\"clear\",\"tempC\":21}}.",
                normalise(answer, "{\"city\":\"Paris\",\"sky\":\"clear\",\"tempC\":21}"));
    }

    @Test
    void aBeanAnswersConvertUnits() {
        String answer = template.requestBody("direct:ask", "convert_units value=10 from=km to=mi", String.class);
        assertEquals("The convert_units tool returned {\"output\":{\"unit\":\"mi\",\"value\":6.21}}.",
                normalise(answer, "{\"unit\":\"mi\",\"value\":6.21}"));
    }

    @Test
    void anHttpServiceAnswersGetExchangeRateWithJsonArguments() {
        String answer = template.requestBody("direct:ask", "get_exchange_rate from=EUR to=USD", String.class);
        assertEquals("The get_exchange_rate tool returned {\"output\":{\"from\":\"EUR\",\"rate\":1.08,\"to\":\"USD\"}}.",
                normalise(answer, "{\"from\":\"EUR\",\"rate\":1.08,\"to\":\"USD\"}"));
    }

    /** Map.of has no order: puts the output object's keys in sorted order. */
    private static String normalise(String answer, String sorted) {
        int start = answer.indexOf("{\"output\":") + 10;
        int end = answer.lastIndexOf("}}");
        if (start < 10 || end < start) {
            return answer;
        }
        String object = answer.substring(start, end + 1);
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper()
                    .configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
            String normal = m.writeValueAsString(m.readValue(object, java.util.TreeMap.class));
            return answer.substring(0, start) + normal + answer.substring(end + 1);
        } catch (java.io.IOException e) {
            return answer;
        }
    }
}
