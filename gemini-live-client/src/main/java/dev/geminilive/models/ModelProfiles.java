package dev.geminilive.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.protocol.LiveCodec;

/**
 * The table of Live model profiles ({@code model-profiles.json} next to this class), read once. A model id finds its
 * profile by exact match, else by the longest listed prefix.
 */
public final class ModelProfiles {

    /** The model a route talks to when it names none: Google's recommended Live model. */
    public static final String DEFAULT_MODEL = "gemini-3.8-live";

    private static final List<ModelProfile> ALL = load();

    private ModelProfiles() {
    }

    /** @return every profile, in table order */
    public static List<ModelProfile> all() {
        return ALL;
    }

    /** @return the profile with this name */
    public static Optional<ModelProfile> named(String name) {
        return ALL.stream().filter(p -> p.name().equalsIgnoreCase(name == null ? "" : name.trim())).findFirst();
    }

    /**
     * @param model a model name as sent in setup: {@code x}, {@code models/x} or a Vertex resource name
     * @return the model's profile: listed by id, else by the longest matching prefix, else the 2.5 half-cascade one
     */
    public static ModelProfile forModel(String model) {
        String id = bareId(model);
        for (ModelProfile p : ALL) {
            if (p.lists(id)) {
                return p;
            }
        }
        ModelProfile best = null;
        int longest = -1;
        for (ModelProfile p : ALL) {
            for (String prefix : p.prefixes()) {
                if (id.startsWith(prefix) && prefix.length() > longest) {
                    best = p;
                    longest = prefix.length();
                }
            }
        }
        return best != null ? best : ALL.get(0);
    }

    /** @return the id without {@code models/} or a Vertex {@code .../publishers/google/models/} prefix, lower case */
    public static String bareId(String name) {
        if (name == null) {
            return "";
        }
        int i = name.lastIndexOf("models/");
        return (i < 0 ? name : name.substring(i + "models/".length())).trim().toLowerCase(Locale.ROOT);
    }

    private static List<ModelProfile> load() {
        try (InputStream in = ModelProfiles.class.getResourceAsStream("model-profiles.json")) {
            if (in == null) {
                throw new IllegalStateException("model-profiles.json is missing from the classpath");
            }
            JsonNode root = LiveCodec.lenient().mapper().readTree(in);
            Map<String, ModelProfile> byName = new LinkedHashMap<>();
            for (JsonNode p : root.path("profiles")) {
                String name = p.path("name").asText();
                Map<String, ProfileRule> rules = new LinkedHashMap<>();
                String parent = p.path("extends").asText(null);
                if (parent != null) {
                    ModelProfile base = byName.get(parent);
                    if (base == null) {
                        throw new IllegalStateException("Model profile " + name + " extends unknown profile " + parent);
                    }
                    rules.putAll(base.rules());
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = p.path("rules").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode r = e.getValue();
                    rules.put(e.getKey(), new ProfileRule(e.getKey(), ModelProfile.requireValue(r, e.getKey(), name),
                            LocalDate.parse(r.path("checked").asText()), r.path("source").asText(),
                            ProfileRule.Fidelity.valueOf(r.path("fidelity").asText().toUpperCase(Locale.ROOT))));
                }
                byName.put(name, new ModelProfile(name, p.path("title").asText(name), strings(p.path("models")),
                        strings(p.path("prefixes")), rules));
            }
            return List.copyOf(byName.values());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read model-profiles.json", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
