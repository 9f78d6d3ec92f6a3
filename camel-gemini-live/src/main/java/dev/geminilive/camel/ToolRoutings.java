package dev.geminilive.camel;

import dev.geminilive.models.ModelProfile;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;

import dev.geminilive.camel.tools.FunctionDeclarations;
import dev.geminilive.camel.tools.ToolErrors;
import dev.geminilive.camel.tools.ToolRouting;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.FunctionResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds an endpoint's tool routing from its options, refusing what cannot work. */
final class ToolRoutings {

    private static final Logger LOG = LoggerFactory.getLogger(ToolRoutings.class);

    private ToolRoutings() {
    }

    /** Parses toolArguments: map, json, or function:format pairs. */
    /**
     * On a model whose functions are NON_BLOCKING unless declared otherwise (3.8 Live), a function declared without a
     * behavior is declared BLOCKING: an InOut exchange then gets the answer that uses the tool's result, on every model
     * alike. Declare {@code "behavior": "NON_BLOCKING"} to let the model talk on while the tool runs.
     */
    static List<FunctionDeclaration> explicitBehavior(List<FunctionDeclaration> declarations, ModelProfile profile) {
        if (profile.nonBlockingTools() != ModelProfile.NonBlockingTools.DEFAULT) {
            return declarations;
        }
        return declarations.stream().map(f -> f.behavior() != null ? f : new FunctionDeclaration(f.name(), f.description(), f.parameters(),
                f.parametersJsonSchema(), f.response(), FunctionDeclaration.Behavior.BLOCKING, f.responseJsonSchema())).toList();
    }

    static Set<String> jsonFunctions(String option, List<FunctionDeclaration> declarations) {
        String value = option == null ? "map" : option.trim();
        if (value.equalsIgnoreCase("map") || value.isEmpty()) {
            return Set.of();
        }
        if (value.equalsIgnoreCase("json")) {
            return declarations.stream().map(FunctionDeclaration::name).collect(Collectors.toSet());
        }
        Set<String> json = new HashSet<>();
        for (String pair : value.split(",")) {
            String[] kv = pair.trim().split(":", 2);
            String format = kv.length == 2 ? kv[1].trim().toLowerCase(Locale.ROOT) : "";
            if (kv.length != 2 || !(format.equals("map") || format.equals("json"))) {
                throw new IllegalArgumentException("toolArguments must be map, json, or function:map|json pairs, not: " + option);
            }
            if (declarations.stream().noneMatch(f -> f.name().equals(kv[0].trim()))) {
                throw new IllegalArgumentException("toolArguments names " + kv[0].trim() + ", which the functions option does not declare");
            }
            if (format.equals("json")) {
                json.add(kv[0].trim());
            }
        }
        return json;
    }

    static ToolRouting build(CamelContext context, GeminiLiveConfiguration c) {
        String functions = c.getFunctions() != null && c.getFunctions().trim().startsWith("resource:")
                ? SetupFactory.text(context, c.getFunctions().trim(), "functions") : c.getFunctions();
        List<FunctionDeclaration> declarations = explicitBehavior(FunctionDeclarations.load(context, functions), Profiles.of(c));
        Map<String, Endpoint> endpoints = new HashMap<>();
        if (c.getToolEndpoint() != null) {
            for (Map.Entry<String, Object> e : c.getToolEndpoint().entrySet()) {
                String function = e.getKey();
                if (declarations.stream().noneMatch(f -> f.name().equals(function))) {
                    throw new IllegalArgumentException("toolEndpoint." + function + " names a function that the functions option "
                                                       + "does not declare");
                }
                Object target = e.getValue();
                Endpoint endpoint = target instanceof Endpoint ep ? ep : context.getEndpoint(String.valueOf(target));
                endpoints.put(function, endpoint);
            }
        }
        ModelProfile.NonBlockingTools nonBlocking = Profiles.of(c).nonBlockingTools();
        if (nonBlocking == ModelProfile.NonBlockingTools.IGNORED) {
            declarations.stream().filter(f -> f.behavior() == FunctionDeclaration.Behavior.NON_BLOCKING).forEach(f -> LOG.warn(
                    "Function {} is NON_BLOCKING, but {} has no asynchronous function calling: the model waits for it",
                    f.name(), c.getModel()));
        }
        FunctionResponse.Scheduling scheduling = c.getToolScheduling();
        return new ToolRouting(declarations, endpoints, Duration.ofMillis(c.getToolTimeout()), scheduling, nonBlocking,
                jsonFunctions(c.getToolArguments(), declarations), c.getToolErrorMessage() == null ? ToolErrors.GENERIC : c.getToolErrorMessage());
    }
}
