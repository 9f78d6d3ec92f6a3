package dev.geminilive.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The component's options as its catalog JSON lists them, and the Spring Boot metadata of the starter. */
final class CatalogOptions {

    static final String PREFIX = "camel.component.gemini-live.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogOptions() {
    }

    /** @return componentProperties of gemini-live.json, by option name, in catalog order */
    static Map<String, JsonNode> componentOptions() throws IOException {
        try (InputStream in = CatalogOptions.class.getClassLoader().getResourceAsStream("META-INF/dev/geminilive/camel/gemini-live.json")) {
            Map<String, JsonNode> options = new LinkedHashMap<>();
            JSON.readTree(in).get("componentProperties").properties().forEach(e -> options.put(e.getKey(), e.getValue()));
            return options;
        }
    }

    /** @return the spring-configuration-metadata.json that declares camel.component.gemini-live */
    static JsonNode starterMetadata() throws IOException {
        Enumeration<URL> urls = CatalogOptions.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        List<String> seen = new ArrayList<>();
        while (urls.hasMoreElements()) {
            URL url = urls.nextElement();
            seen.add(url.toString());
            try (InputStream in = url.openStream()) {
                JsonNode metadata = JSON.readTree(in);
                for (JsonNode group : metadata.path("groups")) {
                    if ("camel.component.gemini-live".equals(group.path("name").asText())) {
                        return metadata;
                    }
                }
            }
        }
        throw new AssertionError("no spring-configuration-metadata.json declares camel.component.gemini-live: " + seen);
    }

    static String kebab(String option) {
        StringBuilder sb = new StringBuilder();
        for (char c : option.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
