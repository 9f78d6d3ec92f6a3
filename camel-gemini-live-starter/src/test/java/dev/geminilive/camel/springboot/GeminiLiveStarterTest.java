package dev.geminilive.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.camel.GeminiLiveConfiguration;
import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.store.ConversationStore;
import dev.geminilive.camel.store.InMemoryConversationStore;
import dev.geminilive.emulator.GeminiLiveEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with the starter, configured only by application.properties
 * ({@code camel.component.gemini-live.*}), against the emulator, which accepts only the key set there.
 */
@SpringBootTest(classes = GeminiLiveStarterTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class GeminiLiveStarterTest {

    static final String KEY = "starter-test-key-3f9a1c";

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().apiKey(KEY).build();

    @DynamicPropertySource
    static void emulatorUrl(DynamicPropertyRegistry registry) {
        registry.add("emulator.url", EMULATOR::url);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        ConversationStore sharedStore() {
            return new InMemoryConversationStore();
        }

        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ask").routeId("ask").to("gemini-live:chat");
                    from("direct:weather").setBody(constant("sunny"));
                }
            };
        }
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate template;
    @Autowired
    ConversationStore sharedStore;
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void applicationPropertiesReachTheComponent() {
        GeminiLiveConfiguration c = camel.getComponent("gemini-live", GeminiLiveComponent.class).getConfiguration();
        assertEquals(KEY, c.getApiKey());
        assertEquals(EMULATOR.url(), c.getBaseUrl());
        assertEquals("Answer briefly.", c.getSystemInstruction());
        assertEquals(20_000L, c.getTurnTimeout(), "turn-timeout=20s");
        assertEquals(120_000L, c.getSessionIdleTimeout(), "session-idle-timeout=2m");
        assertEquals(4, c.getMaxConcurrentSessions());
        assertSame(sharedStore, c.getConversationStore(), "conversation-store=#sharedStore is the bean");
        assertEquals(Map.of("get_weather", "direct:weather"), c.getToolEndpoint());
        assertEquals("gemini-3.8-live", c.getModel(), "an option left unset keeps the component's default");
    }

    @Test
    void eachQuestionGetsTheEchoOfItsOwnQuestion() throws Exception {
        List<String> questions = List.of("What is the capital of France?", "How many legs has a spider?",
                "Which planet is the largest?", "Who wrote Hamlet?");
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            answers.add(template.asyncRequestBodyAndHeader("direct:ask", questions.get(i),
                    GeminiLiveConstants.CONVERSATION_ID, "user-" + i, String.class));
        }
        for (int i = 0; i < questions.size(); i++) {
            assertEquals("You said: " + questions.get(i), answers.get(i).get(), "the answer of question " + i);
        }
        String again = template.requestBodyAndHeader("direct:ask", "And the second?", GeminiLiveConstants.CONVERSATION_ID,
                "user-0", String.class);
        assertEquals("You said: And the second?", again);
        assertTrue(sharedStore.load("chat/user-0").isPresent(),
                "the conversation is kept in the store named in application.properties");
    }

    @Test
    void healthIsUpAndShowsTheGeminiLiveProducer() throws Exception {
        template.requestBodyAndHeader("direct:ask", "ping", GeminiLiveConstants.CONVERSATION_ID, "health", String.class);
        HttpResponse<String> r = get("/actuator/health");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode health = json.readTree(r.body());
        assertEquals("UP", health.path("status").asText(), r.body());
        JsonNode camelHealth = health.path("components").path("camelHealth");
        assertEquals("UP", camelHealth.path("status").asText(), r.body());
        assertEquals("UP", camelHealth.path("details").path("producer:gemini-live-chat").asText(), r.body());
        JsonNode data = camelHealth.path("details").path("producer:gemini-live-chat.data");
        assertTrue(data.path("gemini.live.sessions.open").asInt() >= 1, r.body());
        assertFalse(r.body().contains(KEY), "the key is not in the health output");
    }

    @Test
    void secretsAreMaskedInConfigpropsAndEnv() throws Exception {
        HttpResponse<String> r = get("/actuator/configprops/camel.component.gemini-live");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode bean = null;
        for (JsonNode context : json.readTree(r.body()).path("contexts")) {
            for (JsonNode b : context.path("beans")) {
                if ("camel.component.gemini-live".equals(b.path("prefix").asText())) {
                    bean = b;
                }
            }
        }
        assertNotNull(bean, r.body());
        assertEquals("******", bean.path("properties").path("apiKey").asText(), r.body());
        assertEquals("Answer briefly.", bean.path("properties").path("systemInstruction").asText(),
                "values are shown (show-values=always), so the mask is the starter's: " + r.body());
        assertFalse(r.body().contains(KEY), r.body());

        HttpResponse<String> env = get("/actuator/env/camel.component.gemini-live.api-key");
        assertEquals(200, env.statusCode(), env.body());
        assertEquals("******", json.readTree(env.body()).path("property").path("value").asText(), env.body());
        HttpResponse<String> all = get("/actuator/env");
        assertFalse(all.body().contains(KEY), "the key is not in the env output");
        assertTrue(all.body().contains("Answer briefly."), "values are shown, so the mask is the starter's");
    }

    @Test
    void theKeyIsNotLogged(CapturedOutput output) {
        template.requestBodyAndHeader("direct:ask", "Log nothing secret", GeminiLiveConstants.CONVERSATION_ID, "logs", String.class);
        assertFalse(output.getAll().contains(KEY), output.getAll());
    }

    @Test
    void theMetadataListsEveryOptionWithItsDescriptionAndDefault() throws Exception {
        JsonNode metadata = CatalogOptions.starterMetadata();
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
        for (Map.Entry<String, JsonNode> e : CatalogOptions.componentOptions().entrySet()) {
            String property = CatalogOptions.PREFIX + CatalogOptions.kebab(e.getKey());
            JsonNode p = byName.get(property);
            assertNotNull(p, property + " is not in spring-configuration-metadata.json");
            assertFalse(p.path("description").asText().isBlank(), property + " has no description");
            assertTrue(p.path("description").asText().startsWith(e.getValue().path("description").asText()),
                    property + ": the description is the component's");
            if (e.getValue().hasNonNull("defaultValue")) {
                assertTrue(p.has("defaultValue"), property + " has no default in the metadata");
            } else {
                assertFalse(p.has("defaultValue"), property + " has a default the component does not have: " + p);
            }
        }
        assertTrue(byName.containsKey(CatalogOptions.PREFIX + "enabled"));
        assertEquals("java.time.Duration", byName.get(CatalogOptions.PREFIX + "turn-timeout").path("type").asText());
        assertEquals("1m", byName.get(CatalogOptions.PREFIX + "turn-timeout").path("defaultValue").asText());
        boolean replyFormatHints = false;
        for (JsonNode hint : metadata.path("hints")) {
            if ((CatalogOptions.PREFIX + "reply-format").equals(hint.path("name").asText())) {
                replyFormatHints = hint.path("values").size() == 4;
            }
        }
        assertTrue(replyFormatHints, "reply-format offers its four values");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
