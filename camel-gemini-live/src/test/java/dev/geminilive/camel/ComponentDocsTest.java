package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The option and header tables of docs/gemini-live-component.md are rendered from the generated component JSON; this
 * test fails when they drift. Run with {@code -Ddocs.update=true} to rewrite them.
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of("..", "docs", "gemini-live-component.md");

    @Test
    void optionAndHeaderTablesMatchTheComponentJson() throws IOException {
        JsonNode json = componentJson();
        String doc = Files.readString(DOC);
        String updated = replace(doc, "component-options", table(json.get("componentProperties"), false));
        updated = replace(updated, "endpoint-options", table(json.get("properties"), true));
        updated = replace(updated, "headers", headers(json.get("headers")));
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, updated);
            return;
        }
        assertEquals(updated, doc, "docs/gemini-live-component.md is out of date with the component JSON; "
                                   + "run: mvn -pl camel-gemini-live test -Dtest=ComponentDocsTest -Ddocs.update=true");
    }

    @Test
    void everyOptionAndHeaderIsDocumented() throws IOException {
        JsonNode json = componentJson();
        for (String section : new String[] { "componentProperties", "properties", "headers" }) {
            for (Iterator<Map.Entry<String, JsonNode>> it = json.get(section).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String description = e.getValue().path("description").asText("");
                assertTrue(description.length() > 10, section + "." + e.getKey() + " has no description");
            }
        }
    }

    static JsonNode componentJson() throws IOException {
        try (InputStream in = ComponentDocsTest.class.getResourceAsStream("/META-INF/dev/geminilive/camel/gemini-live.json")) {
            if (in == null) {
                throw new IllegalStateException("gemini-live.json is not on the classpath; camel-package-maven-plugin did not run");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    private static String replace(String doc, String marker, String content) {
        String start = "<!-- " + marker + ":start -->\n";
        String end = "<!-- " + marker + ":end -->";
        int s = doc.indexOf(start);
        int e = doc.indexOf(end);
        if (s < 0 || e < s) {
            throw new IllegalStateException("docs/gemini-live-component.md lacks the markers " + start.trim() + " ... " + end);
        }
        return doc.substring(0, s + start.length()) + content + doc.substring(e);
    }

    private static String table(JsonNode props, boolean endpoint) {
        StringBuilder sb = new StringBuilder("| Name | Group | Default | Type | Description |\n|---|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            String type = p.path("type").asText();
            if (p.has("enum")) {
                StringBuilder values = new StringBuilder();
                p.get("enum").forEach(v -> values.append(values.length() == 0 ? "" : ", ").append(v.asText()));
                type = type + " (" + values + ")";
            }
            sb.append("| ").append(p.path("kind").asText().equals("path") ? "*" + e.getKey() + "* (path)" : e.getKey())
                    .append(" | ").append(p.path("group").asText())
                    .append(" | ").append(p.has("defaultValue") ? "`" + p.get("defaultValue").asText() + "`" : "")
                    .append(" | ").append(type)
                    .append(" | ").append(cell(p.path("description").asText()))
                    .append(p.path("secret").asBoolean() ? " (secret)" : "")
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String headers(JsonNode headers) {
        StringBuilder sb = new StringBuilder("| Header | Direction | Type | Description |\n|---|---|---|---|\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode h = e.getValue();
            String label = h.path("label").asText("");
            sb.append("| `").append(e.getKey()).append("` | ").append(label.isEmpty() ? "both" : label)
                    .append(" | ").append(h.path("javaType").asText())
                    .append(" | ").append(cell(h.path("description").asText())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

}
