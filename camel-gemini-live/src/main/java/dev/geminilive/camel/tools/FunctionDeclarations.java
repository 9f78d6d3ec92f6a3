package dev.geminilive.camel.tools;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.Tool;
import org.apache.camel.CamelContext;

/** Loads function declarations from the {@code functions} option: JSON or a bean. */
public final class FunctionDeclarations {

    private FunctionDeclarations() {
    }

    /**
     * @param option JSON (the content of a {@code resource:...} already read), or {@code #beanName} / {@code #bean:beanName}
     * @return the declarations, checked: each has a name, names are unique
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<FunctionDeclaration> load(CamelContext context, String option) {
        if (option == null || option.isBlank()) {
            return List.of();
        }
        String value = option.trim();
        List<FunctionDeclaration> declarations;
        if (value.startsWith("#")) {
            String name = value.startsWith("#bean:") ? value.substring(6) : value.substring(1);
            Object bean = context.getRegistry().lookupByName(name);
            if (bean == null) {
                throw new IllegalArgumentException("functions: no bean named " + name + " in the registry");
            }
            declarations = fromObject(bean, "bean " + name);
        } else if (!value.startsWith("[") && !value.startsWith("{")) {
            // resource: values arrive here already read; anything else is a reference this option cannot follow
            String shown = value.length() > 60 ? value.substring(0, 60) + "..." : value;
            throw new IllegalArgumentException("functions must be JSON, a file (resource:file:/path/functions.json), a classpath "
                                               + "resource (resource:classpath:functions.json) or a bean (#name), not: " + shown);
        } else {
            declarations = fromJson(value, "the functions option");
        }
        return checked(declarations);
    }

    private static List<FunctionDeclaration> fromObject(Object bean, String source) {
        if (bean instanceof FunctionDeclaration f) {
            return List.of(f);
        }
        if (bean instanceof Tool t) {
            return t.functionDeclarations() == null ? List.of() : t.functionDeclarations();
        }
        if (bean instanceof CharSequence json) {
            return fromJson(json.toString(), source);
        }
        if (bean instanceof Collection<?> list) {
            List<FunctionDeclaration> out = new ArrayList<>();
            for (Object o : list) {
                out.addAll(fromObject(o, source));
            }
            return out;
        }
        return fromTree(LiveCodec.strict().mapper().valueToTree(bean), source);
    }

    private static List<FunctionDeclaration> fromJson(String json, String source) {
        try {
            return fromTree(LiveCodec.strict().mapper().readTree(json), source);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("functions: " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<FunctionDeclaration> fromTree(JsonNode tree, String source) {
        JsonNode list = tree;
        if (tree.isObject() && tree.has("functionDeclarations")) {
            list = tree.get("functionDeclarations");
        } else if (tree.isObject() && tree.has("function_declarations")) {
            list = tree.get("function_declarations");
        }
        List<FunctionDeclaration> out = new ArrayList<>();
        try {
            if (list.isArray()) {
                for (JsonNode n : list) {
                    out.add(LiveCodec.strict().convert(n, FunctionDeclaration.class));
                }
            } else {
                out.add(LiveCodec.strict().convert(list, FunctionDeclaration.class));
            }
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("functions: " + source + " holds an invalid FunctionDeclaration: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<FunctionDeclaration> checked(List<FunctionDeclaration> declarations) {
        Set<String> names = new HashSet<>();
        for (FunctionDeclaration f : declarations) {
            if (f.name() == null || f.name().isBlank()) {
                throw new IllegalArgumentException("functions: a FunctionDeclaration has no name");
            }
            if (!f.name().matches("[A-Za-z_][A-Za-z0-9_.\\-]{0,63}")) {
                throw new IllegalArgumentException("functions: '" + f.name() + "' is not a valid function name (letters, digits, "
                                                   + "underscores, dots, dashes; at most 64; not starting with a digit)");
            }
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("functions: " + f.name() + " is declared twice");
            }
        }
        return List.copyOf(declarations);
    }
}
