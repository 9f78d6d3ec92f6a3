package dev.geminilive.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.camel.GeminiLiveConfiguration;
import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.emulator.GeminiLiveEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Boots a Spring Boot application whose whole configuration is the {@code application.yaml} blocks of
 * docs/user-guide.md (section 4), against the emulator: the component gets the guide's options, a route answers, and
 * /actuator/health shows the gemini-live producer as the guide says.
 */
class UserGuideSpringBootTest {

    static final String KEY = "guide-key-7c41";

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().apiKey(KEY).build();

    @TempDir
    Path tmp;

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:chat").to("gemini-live:chat");
                }
            };
        }
    }

    @Test
    void theGuidesApplicationYamlBootsAndAnswers() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "user-guide.md"));
        String application = snippet(guide, "spring-application-yaml");
        String health = snippet(guide, "spring-health-yaml");
        assertTrue(application.contains("ws://127.0.0.1:8765"), application);
        Path yaml = tmp.resolve("application.yaml");
        Files.writeString(yaml, application.replace("ws://127.0.0.1:8765", EMULATOR.url()) + "---\n" + health);

        try (ConfigurableApplicationContext spring = new SpringApplicationBuilder(App.class)
                .run("--spring.config.location=file:" + yaml, "--GEMINI_API_KEY=" + KEY, "--server.port=0",
                        "--spring.main.banner-mode=off")) {
            CamelContext camel = spring.getBean(CamelContext.class);
            GeminiLiveConfiguration c = camel.getComponent("gemini-live", GeminiLiveComponent.class).getConfiguration();
            assertEquals(KEY, c.getApiKey(), "api-key: ${GEMINI_API_KEY}");
            assertEquals(EMULATOR.url(), c.getBaseUrl());
            assertEquals("Answer in one sentence.", c.getSystemInstruction());
            assertEquals(30_000L, c.getTurnTimeout());
            assertEquals(120_000L, c.getSessionIdleTimeout());
            assertEquals(20, c.getMaxConcurrentSessions());

            ProducerTemplate template = camel.createProducerTemplate();
            assertEquals("Nice to meet you, Ada.", template.requestBodyAndHeader("direct:chat", "My name is Ada",
                    GeminiLiveConstants.CONVERSATION_ID, "ada", String.class));
            assertEquals("Your name is Ada.", template.requestBodyAndHeader("direct:chat", "What is my name?",
                    GeminiLiveConstants.CONVERSATION_ID, "ada", String.class));

            String port = spring.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode camelHealth = new ObjectMapper().readTree(r.body()).path("components").path("camelHealth");
            assertEquals("UP", camelHealth.path("status").asText(), r.body());
            assertEquals("UP", camelHealth.path("details").path("producer:gemini-live-chat").asText(),
                    "exposure-level full lists the UP producer check: " + r.body());
            assertNotNull(camelHealth.path("details").path("producer:gemini-live-chat.data").get("gemini.live.sessions.open"), r.body());
            assertFalse(r.body().contains(KEY));
        }
    }

    private static String snippet(String guide, String id) {
        Matcher m = Pattern.compile("<!-- snippet: " + Pattern.quote(id) + " -->\\n```yaml\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        assertTrue(m.find(), "docs/user-guide.md has the yaml block " + id);
        return m.group(1);
    }
}
