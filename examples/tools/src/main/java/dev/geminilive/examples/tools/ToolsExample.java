package dev.geminilive.examples.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Gemini Live calls three functions, each answered by a different kind of Camel endpoint: get_weather by a direct:
 * route, convert_units by a bean, get_exchange_rate by an HTTP service this example serves on 127.0.0.1. Type a
 * question; {@code exit} quits. Without GEMINI_API_KEY it talks to an in-process Gemini Live emulator, which calls a
 * function when the question names it (e.g. "get_weather city=Paris").
 */
public final class ToolsExample {

    private ToolsExample() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.glassfish").setLevel(Level.WARNING);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        GeminiLiveEmulator emulator = null;
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        if (isBlank(System.getenv("GEMINI_API_KEY")) && isBlank(System.getenv("GOOGLE_API_KEY"))) {
            emulator = GeminiLiveEmulator.builder().start();
            gemini.getConfiguration().setBaseUrl(emulator.url());
            gemini.getConfiguration().setApiKey("local-emulator");
            System.err.println("GEMINI_API_KEY is not set: talking to the local Gemini Live emulator at " + emulator.url());
        }
        try (RatesServer rates = RatesServer.start(); CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("gemini-live", gemini);
            camel.getRegistry().bind("unitConverter", new UnitConverter());
            camel.addRoutes(new ToolRoutes(rates.url()));
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                out.print("User> ");
                String line = in.readLine();
                if (line == null || line.trim().equalsIgnoreCase("exit")) {
                    out.println();
                    break;
                }
                if (!line.isBlank()) {
                    try {
                        out.println("Gemini> " + template.requestBody("direct:ask", line, String.class));
                    } catch (CamelExecutionException e) {
                        out.println("Error: " + e.getCause().getMessage());
                    }
                }
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** The conversation route and the three tools. */
    public static final class ToolRoutes extends RouteBuilder {
        private final String ratesUrl;

        /** @param ratesUrl where the exchange-rate service listens */
        public ToolRoutes(String ratesUrl) {
            this.ratesUrl = ratesUrl;
        }

        @Override
        public void configure() {
            // the HTTP service takes its arguments as JSON; the route and the bean take them as a Map
            from("direct:ask").routeId("ask")
                    .to("gemini-live:assistant?functions=resource:classpath:functions.json"
                        + "&toolEndpoint.get_weather=direct:weather"
                        + "&toolEndpoint.convert_units=RAW(bean:unitConverter?method=convert)"
                        + "&toolEndpoint.get_exchange_rate=RAW(" + ratesUrl + ")"
                        + "&toolArguments=get_exchange_rate:json"
                        + "&systemInstruction=Use the tools to answer. Be brief.");

            from("direct:weather").routeId("weather-tool")
                    .process(e -> {
                        Map<?, ?> request = e.getMessage().getBody(Map.class);
                        e.getMessage().setBody(Map.of("city", request.get("city"), "sky", "clear", "tempC", 21));
                    });
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
