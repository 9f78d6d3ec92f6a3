package dev.geminilive.camel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.PropertyBindingException;

/** Says what an option takes when a value cannot be bound to it. */
final class OptionErrors {

    /** The component's metadata, which camel-package-maven-plugin writes from the option annotations. */
    private static final String METADATA = "/META-INF/dev/geminilive/camel/gemini-live.json";

    private static volatile Map<String, List<String>> values;

    private OptionErrors() {
    }

    /**
     * @return for an option with fixed values, an error naming the option, the values it takes and the value given;
     *         otherwise the binding error as it is
     */
    static RuntimeException explain(PropertyBindingException e) {
        List<String> allowed = e.getPropertyName() == null ? null : values().get(e.getPropertyName().toLowerCase(Locale.ROOT));
        if (allowed == null || allowed.isEmpty()) {
            return e;
        }
        String list = allowed.size() == 1 ? allowed.get(0)
                : String.join(", ", allowed.subList(0, allowed.size() - 1)) + " or " + allowed.get(allowed.size() - 1);
        // no cause: the message says all, and Camel's own (an enum class without that constant) would only confuse
        return new IllegalArgumentException(e.getPropertyName() + " must be " + list + ", not: " + e.getValue());
    }

    /** @return the documented values of each endpoint option that has them, by lower-case option name */
    private static Map<String, List<String>> values() {
        Map<String, List<String>> v = values;
        if (v == null) {
            v = new HashMap<>();
            try (InputStream in = OptionErrors.class.getResourceAsStream(METADATA)) {
                if (in != null) {
                    JsonNode properties = new ObjectMapper().readTree(in).path("properties");
                    for (var it = properties.fields(); it.hasNext();) {
                        var option = it.next();
                        List<String> names = new ArrayList<>();
                        option.getValue().path("enum").forEach(n -> names.add(n.asText()));
                        v.put(option.getKey().toLowerCase(Locale.ROOT), List.copyOf(names));
                    }
                }
            } catch (IOException unreadable) {
                // the binding error as Camel words it still names the option and the value
            }
            values = v;
        }
        return v;
    }
}
