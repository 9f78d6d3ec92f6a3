package dev.geminilive.camel.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.camel.GeminiLiveComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every option of the component's catalog, set as {@code camel.component.gemini-live.<option>} the way
 * application.properties spells it, must reach the component with its value: bound by Spring Boot into the generated
 * properties class, applied as the starter's customizer applies it, read back from the component. A new option, a
 * renamed one or one whose type changed (a String becoming an enum, a number becoming a duration) fails here, naming it.
 */
class ComponentOptionsBindingTest {

    @Test
    void everyCatalogOptionSetInPropertiesReachesTheComponent() throws Exception {
        Map<String, JsonNode> catalog = CatalogOptions.componentOptions();
        Map<String, String> properties = new HashMap<>();
        Map<String, Object> expected = new HashMap<>();
        List<String> beanOptions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : catalog.entrySet()) {
            String name = e.getKey();
            JsonNode o = e.getValue();
            String key = CatalogOptions.PREFIX + CatalogOptions.kebab(name);
            String type = o.path("type").asText();
            String def = o.path("defaultValue").asText(null);
            switch (type) {
                case "boolean" -> {
                    String v = "true".equals(def) ? "false" : "true";
                    properties.put(key, v);
                    expected.put(name, Boolean.valueOf(v));
                }
                case "integer" -> {
                    properties.put(key, "7");
                    expected.put(name, 7L);
                }
                case "number" -> {
                    properties.put(key, "0.5");
                    expected.put(name, 0.5d);
                }
                case "duration" -> {
                    properties.put(key, "3s");
                    expected.put(name, java.time.Duration.ofSeconds(3));
                }
                case "enum" -> {
                    List<String> values = new ArrayList<>();
                    o.path("enum").forEach(v -> values.add(v.asText()));
                    String v = values.get(values.size() - 1).equals(def) ? values.get(0) : values.get(values.size() - 1);
                    properties.put(key, v);
                    expected.put(name, v);
                }
                case "string" -> {
                    String v = "x-" + name;
                    properties.put(key, v);
                    expected.put(name, v);
                }
                case "object" -> {
                    if (o.path("javaType").asText().startsWith("java.util.Map")) {
                        properties.put(key + "[get_weather]", "direct:weather");
                        expected.put(name, Map.of("get_weather", "direct:weather"));
                    } else {
                        beanOptions.add(name); // bean references: GeminiLiveStarterTest binds #beans through Spring
                    }
                }
                default -> throw new AssertionError("option " + name + " has a type the starter does not know: " + type);
            }
        }

        GeminiLiveComponentConfiguration bound = new Binder(new MapConfigurationPropertySource(properties))
                .bind("camel.component.gemini-live", Bindable.of(GeminiLiveComponentConfiguration.class)).get();
        Map<String, Object> options = bound.toComponentOptions();
        for (String name : expected.keySet()) {
            assertTrue(options.containsKey(name), "camel.component.gemini-live." + CatalogOptions.kebab(name)
                    + " is not bound by the starter's properties class");
        }

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            GeminiLiveComponent component = new GeminiLiveComponent();
            camel.addComponent("gemini-live", component);
            CamelPropertiesHelper.setCamelProperties(camel, component, new HashMap<>(options), true);
            PropertyConfigurerGetter getter = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
            for (Map.Entry<String, Object> e : expected.entrySet()) {
                String name = e.getKey();
                Object actual = getter.getOptionValue(component, name, false);
                assertEquals(normalize(camel, e.getValue(), actual), normalize(camel, actual, actual),
                        "camel.component.gemini-live." + CatalogOptions.kebab(name) + " did not reach the component");
            }
        }
        assertEquals(List.of("configuration", "conversationStore", "authTokenSupplier", "bearerTokenSupplier", "sslContextParameters",
                "clientFactory")
                .stream().sorted().toList(), beanOptions.stream().sorted().toList(), "the bean options");
    }

    /** Compares across representations: numbers by value, durations as milliseconds, enums by their spelling. */
    private static Object normalize(DefaultCamelContext camel, Object value, Object actual) {
        if (value instanceof java.time.Duration d) {
            return actual instanceof java.time.Duration ? d : (Object) d.toMillis();
        }
        if (value instanceof Number n && actual instanceof Number) {
            return actual instanceof Double || actual instanceof Float ? (Object) n.doubleValue() : (Object) n.longValue();
        }
        if (value instanceof Map<?, ?> m) {
            return new HashMap<>(m);
        }
        if (value instanceof Enum<?> || value instanceof String) {
            return String.valueOf(value).replaceAll("[^A-Za-z0-9.]", "").toLowerCase(Locale.ROOT);
        }
        return value;
    }
}
