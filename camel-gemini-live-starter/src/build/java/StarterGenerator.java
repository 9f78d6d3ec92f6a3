import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes the Spring Boot side of every gemini-live component option from the component's catalog JSON
 * ({@code META-INF/dev/geminilive/camel/gemini-live.json}, read from the camel-gemini-live jar on the classpath):
 * <ul>
 * <li>{@code GeminiLiveComponentConfiguration}: the {@code @ConfigurationProperties("camel.component.gemini-live")}
 * class, one field per option with the option's description as javadoc (spring-boot-configuration-processor turns it
 * into the IDE metadata), and {@code toComponentOptions()}, the options that were set, keyed by option name;</li>
 * <li>{@code GeminiLiveComponentConverter}: turns {@code #bean:name} / {@code #name} into the bean of an option whose
 * type is a bean (conversation store, token suppliers, SSL parameters);</li>
 * <li>{@code META-INF/additional-spring-configuration-metadata.json}: defaults and allowed values, merged by the
 * processor into {@code META-INF/spring-configuration-metadata.json}.</li>
 * </ul>
 * Fields carry no initializer, so only what the application sets reaches the component; a component bean the
 * application configured itself keeps its own settings. Run by the build: {@code java StarterGenerator.java SRC RES}.
 */
public class StarterGenerator {

    static final String CATALOG = "META-INF/dev/geminilive/camel/gemini-live.json";
    static final String PACKAGE = "dev.geminilive.camel.springboot";
    static final String PREFIX = "camel.component.gemini-live";

    public static void main(String[] args) throws IOException {
        Path sources = Path.of(args[0]);
        Path resources = Path.of(args[1]);
        JsonNode catalog;
        try (InputStream in = StarterGenerator.class.getClassLoader().getResourceAsStream(CATALOG)) {
            if (in == null) {
                throw new IllegalStateException(CATALOG + " is not on the classpath: build camel-gemini-live first");
            }
            catalog = new ObjectMapper().readTree(in);
        }
        JsonNode component = catalog.get("component");
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : catalog.get("componentProperties").properties()) {
            options.add(new Option(e.getKey(), e.getValue()));
        }
        Path pkg = sources.resolve(PACKAGE.replace('.', '/'));
        write(pkg.resolve("GeminiLiveComponentConfiguration.java"), configurationClass(component, options));
        write(pkg.resolve("GeminiLiveComponentConverter.java"), converterClass(options));
        write(resources.resolve("META-INF/additional-spring-configuration-metadata.json"), metadata(options));
        System.out.println("gemini-live starter: " + options.size() + " component options from " + CATALOG);
    }

    /** One component option of the catalog. */
    static final class Option {
        final String name;
        final String type;
        final String javaType;
        final String description;
        final String defaultValue;
        final List<String> enums = new ArrayList<>();
        final boolean deprecated;
        final boolean secret;
        final boolean autowired;
        final String multiValuePrefix;

        Option(String name, JsonNode n) {
            this.name = name;
            this.type = n.path("type").asText();
            this.javaType = n.path("javaType").asText();
            this.description = n.path("description").asText("");
            this.defaultValue = n.hasNonNull("defaultValue") ? n.get("defaultValue").asText() : null;
            n.path("enum").forEach(v -> enums.add(v.asText()));
            this.deprecated = n.path("deprecated").asBoolean(false);
            this.secret = n.path("secret").asBoolean(false);
            this.autowired = n.path("autowired").asBoolean(false);
            this.multiValuePrefix = n.path("multiValue").asBoolean(false) ? n.path("prefix").asText(null) : null;
            if (SourceVersion.isKeyword(name)) {
                throw new IllegalStateException("option " + name + " is a Java keyword");
            }
        }

        boolean isDuration() {
            return "duration".equals(type);
        }

        boolean isMap() {
            return javaType.startsWith("java.util.Map");
        }

        /** A bean option: a reference from the properties (#bean:name), not a value. */
        boolean isBean() {
            return "object".equals(type) && !isMap() && !javaType.startsWith("java.util.List")
                   && !javaType.startsWith("java.util.Set") && !javaType.startsWith("java.time.");
        }

        /**
         * The field type in the Spring Boot properties class. java.lang types by their simple name: the configuration
         * processor takes a field declared java.lang.Integer without initializer for one that defaults to 0.
         */
        String springType() {
            String t = qualifiedSpringType();
            return t.startsWith("java.lang.") && t.indexOf('.', 10) < 0 ? t.substring(10) : t;
        }

        String qualifiedSpringType() {
            if (isDuration()) {
                return "java.time.Duration"; // "30s", "2m" or plain milliseconds
            }
            if (isMap()) {
                return "java.util.Map<java.lang.String, java.lang.String>";
            }
            if ("enum".equals(type)) {
                // the catalog's own spelling, converted by Camel exactly as in an endpoint URI
                return "java.lang.String";
            }
            switch (javaType) {
                case "boolean": return "java.lang.Boolean";
                case "int": return "java.lang.Integer";
                case "long": return "java.lang.Long";
                case "double": return "java.lang.Double";
                case "float": return "java.lang.Float";
                case "short": return "java.lang.Short";
                case "byte": return "java.lang.Byte";
                case "char": return "java.lang.Character";
                default: return javaType;
            }
        }

        /** The raw class of a bean option, for the converter. */
        String rawType() {
            int lt = javaType.indexOf('<');
            return lt < 0 ? javaType : javaType.substring(0, lt);
        }

        /**
         * The value handed to the component for a set field: as bound (a duration stays a java.time.Duration, which
         * the component's configurer takes for every duration option), converted by Camel as an endpoint URI value is.
         */
        String componentValue(String field) {
            return field;
        }

        String kebabName() {
            StringBuilder sb = new StringBuilder();
            for (char c : name.toCharArray()) {
                if (Character.isUpperCase(c)) {
                    sb.append('-').append(Character.toLowerCase(c));
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }

        String capitalized() {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }

        String javadoc() {
            StringBuilder d = new StringBuilder(description.isBlank() ? name : description.strip());
            if (isBean()) {
                if (d.charAt(d.length() - 1) != '.') {
                    d.append('.');
                }
                d.append(" The option is a ").append(javaType).append(" type: set it to #bean:name (or #name) of a bean.");
            }
            if (isDuration()) {
                d.append(" A duration such as 30s or 2m; a plain number is milliseconds.");
            }
            if (isMap() && multiValuePrefix != null) {
                d.append(" In properties: ").append(PREFIX).append('.').append(kebabName())
                        .append("[key]=value (one entry per key; the brackets keep characters such as _ in the key).");
            }
            if (secret) {
                d.append(" Secret: masked in the actuator configprops and env output.");
            }
            String text = d.toString()
                    .replace("*/", "*&#47;")
                    .replace("\\u", "\\u005Cu");
            if (text.startsWith("@")) {
                text = "&#64;" + text.substring(1);
            }
            return text;
        }
    }

    static String configurationClass(JsonNode component, List<Option> options) {
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;\n");
        s.append("import org.springframework.boot.context.properties.ConfigurationProperties;\n");
        s.append("import org.springframework.boot.convert.DurationUnit;\n\n");
        s.append("/**\n * ").append(javadocText(component.path("description").asText("The gemini-live component.")))
                .append("\n *\n * Generated from ").append(CATALOG)
                .append(" by src/build/java/StarterGenerator.java - do not edit.\n */\n");
        s.append("@ConfigurationProperties(prefix = \"").append(PREFIX).append("\")\n");
        s.append("public class GeminiLiveComponentConfiguration extends ComponentConfigurationPropertiesCommon {\n\n");
        s.append("    /**\n     * Whether to enable auto configuration of the gemini-live component. This is enabled by default.\n     */\n");
        s.append("    private Boolean enabled;\n\n");
        for (Option o : options) {
            s.append("    /**\n     * ").append(o.javadoc()).append("\n     */\n");
            if (o.isDuration()) {
                s.append("    @DurationUnit(java.time.temporal.ChronoUnit.MILLIS)\n");
            }
            if (o.deprecated) {
                s.append("    @Deprecated\n");
            }
            s.append("    private ").append(o.springType()).append(' ').append(o.name).append(";\n\n");
        }
        for (Option o : options) {
            if (o.deprecated) {
                s.append("    @Deprecated\n    @org.springframework.boot.context.properties.DeprecatedConfigurationProperty\n");
            }
            s.append("    public ").append(o.springType()).append(" get").append(o.capitalized()).append("() {\n");
            s.append("        return ").append(o.name).append(";\n    }\n\n");
            if (o.deprecated) {
                s.append("    @Deprecated\n");
            }
            s.append("    public void set").append(o.capitalized()).append('(').append(o.springType()).append(' ')
                    .append(o.name).append(") {\n");
            s.append("        this.").append(o.name).append(" = ").append(o.name).append(";\n    }\n\n");
        }
        s.append("    /**\n");
        s.append("     * The options the application set, keyed by the component's option names: configuration first (it replaces\n");
        s.append("     * the whole endpoint defaults object), then the others in catalog order.\n");
        s.append("     *\n     * @return a new ordered map of the options that are not null\n     */\n");
        s.append("    public java.util.Map<String, Object> toComponentOptions() {\n");
        s.append("        java.util.Map<String, Object> options = new java.util.LinkedHashMap<>();\n");
        List<Option> ordered = new ArrayList<>();
        options.stream().filter(o -> o.name.equals("configuration")).forEach(ordered::add);
        options.stream().filter(o -> !o.name.equals("configuration")).forEach(ordered::add);
        for (Option o : ordered) {
            s.append("        if (").append(o.name).append(" != null) {\n");
            s.append("            options.put(\"").append(o.name).append("\", ").append(o.componentValue(o.name)).append(");\n");
            s.append("        }\n");
        }
        s.append("        return options;\n    }\n\n");
        s.append("    /** The names of the secret options (masked in actuator output). */\n");
        s.append("    public static final java.util.Set<String> SECRET_OPTIONS = java.util.Set.of(");
        s.append(String.join(", ", options.stream().filter(o -> o.secret).map(o -> '"' + o.name + '"').toList()));
        s.append(");\n}\n");
        return s.toString();
    }

    static String converterClass(List<Option> options) {
        Set<String> types = new TreeSet<>();
        for (Option o : options) {
            if (o.isBean()) {
                types.add(o.rawType());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import java.util.LinkedHashSet;\nimport java.util.Set;\n\n");
        s.append("import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;\n");
        s.append("import org.springframework.context.ApplicationContext;\n");
        s.append("import org.springframework.context.annotation.Configuration;\n");
        s.append("import org.springframework.core.convert.TypeDescriptor;\n");
        s.append("import org.springframework.core.convert.converter.GenericConverter;\n\n");
        s.append("/**\n * Binds {@code camel.component.gemini-live.<option>=#bean:name} (or {@code #name}) to the named bean, for the\n");
        s.append(" * options whose type is a bean.\n *\n * Generated from ").append(CATALOG)
                .append(" by src/build/java/StarterGenerator.java - do not edit.\n */\n");
        s.append("@Configuration(proxyBeanMethods = false)\n@ConfigurationPropertiesBinding\n");
        s.append("public class GeminiLiveComponentConverter implements GenericConverter {\n\n");
        s.append("    private final ApplicationContext applicationContext;\n\n");
        s.append("    public GeminiLiveComponentConverter(ApplicationContext applicationContext) {\n");
        s.append("        this.applicationContext = applicationContext;\n    }\n\n");
        s.append("    @Override\n    public Set<ConvertiblePair> getConvertibleTypes() {\n");
        s.append("        Set<ConvertiblePair> answer = new LinkedHashSet<>();\n");
        for (String t : types) {
            s.append("        answer.add(new ConvertiblePair(String.class, ").append(t).append(".class));\n");
        }
        s.append("        return answer;\n    }\n\n");
        s.append("    @Override\n    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {\n");
        s.append("        if (source == null) {\n            return null;\n        }\n");
        s.append("        String ref = source.toString();\n");
        s.append("        if (!ref.startsWith(\"#\")) {\n            return null;\n        }\n");
        s.append("        ref = ref.startsWith(\"#bean:\") ? ref.substring(6) : ref.substring(1);\n");
        s.append("        switch (targetType.getName()) {\n");
        for (String t : types) {
            s.append("            case \"").append(t).append("\":\n");
            s.append("                return applicationContext.getBean(ref, ").append(t).append(".class);\n");
        }
        s.append("            default:\n                return null;\n        }\n    }\n}\n");
        return s.toString();
    }

    static String metadata(List<Option> options) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode properties = root.putArray("properties");
        ArrayNode hints = root.putArray("hints");
        for (Option o : options) {
            String property = PREFIX + '.' + o.kebabName();
            if (o.defaultValue != null && !o.defaultValue.isEmpty()) {
                ObjectNode p = properties.addObject();
                p.put("name", property);
                if (o.isDuration()) {
                    p.put("defaultValue", duration(o.defaultValue));
                } else if (o.qualifiedSpringType().equals("java.lang.Boolean")) {
                    p.put("defaultValue", Boolean.parseBoolean(o.defaultValue));
                } else if (o.qualifiedSpringType().equals("java.lang.Integer") || o.qualifiedSpringType().equals("java.lang.Long")) {
                    p.put("defaultValue", Long.parseLong(o.defaultValue));
                } else if (o.qualifiedSpringType().equals("java.lang.Double")) {
                    p.put("defaultValue", Double.parseDouble(o.defaultValue));
                } else {
                    p.put("defaultValue", o.defaultValue);
                }
            }
            if (!o.enums.isEmpty()) {
                ObjectNode h = hints.addObject();
                h.put("name", property);
                ArrayNode values = h.putArray("values");
                for (String v : o.enums) {
                    values.addObject().put("value", v);
                }
            }
        }
        return mapper.writeValueAsString(root) + "\n";
    }

    /** A catalog duration default (milliseconds, or Camel's 30s / 5m1s / 1h syntax) as Spring Boot writes one. */
    static String duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long millis;
        if (v.matches("\\d+")) {
            millis = Long.parseLong(v);
        } else {
            millis = java.time.Duration.parse("PT" + v.replace("ms", "").toUpperCase(Locale.ROOT)).toMillis();
            if (v.endsWith("ms")) {
                millis = Long.parseLong(v.replace("ms", ""));
            }
        }
        if (millis == 0 || millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    static String javadocText(String text) {
        return text.replace("*/", "*&#47;").replace("\\u", "\\u005Cu");
    }

    static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            return; // unchanged: keep the timestamp, so the compiler does not recompile for nothing
        }
        Files.write(file, bytes);
    }

    /** Java keywords, so an option name that is one fails the build with a clear message. */
    static final class SourceVersion {
        static boolean isKeyword(String s) {
            return javax.lang.model.SourceVersion.isKeyword(s);
        }
    }
}
