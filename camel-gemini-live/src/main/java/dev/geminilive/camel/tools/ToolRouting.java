package dev.geminilive.camel.tools;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.FunctionResponse;
import org.apache.camel.Endpoint;

/**
 * How one session answers function calls.
 *
 * @param declarations     the declared functions
 * @param endpoints        function name → the Camel endpoint that answers it
 * @param timeout          how long a tool endpoint may take
 * @param scheduling       default scheduling of NON_BLOCKING results, or null for the server's default
 * @param nonBlocking      what the model does with NON_BLOCKING functions: honours them when declared (2.5), treats
 *                         every function without BLOCKING as NON_BLOCKING (3.8), or waits for every call (3.1)
 * @param jsonArguments    functions whose arguments are sent as JSON text instead of a Map
 * @param errors           what the model is told when a tool fails
 */
public record ToolRouting(List<FunctionDeclaration> declarations, Map<String, Endpoint> endpoints, Duration timeout,
        FunctionResponse.Scheduling scheduling, ModelProfile.NonBlockingTools nonBlocking, Set<String> jsonArguments, ToolErrors errors) {

    public ToolRouting {
        declarations = List.copyOf(declarations);
        endpoints = Map.copyOf(endpoints);
        jsonArguments = Set.copyOf(jsonArguments);
        errors = errors == null ? ToolErrors.GENERIC : errors;
        nonBlocking = nonBlocking == null ? ModelProfile.NonBlockingTools.IGNORED : nonBlocking;
    }

    /** @return whether the function's arguments go as JSON text */
    public boolean argumentsAsJson(String function) {
        return jsonArguments.contains(function);
    }

    /** No functions. */
    public static ToolRouting none() {
        return new ToolRouting(List.of(), Map.of(), Duration.ofSeconds(30), null, ModelProfile.NonBlockingTools.IGNORED, Set.of(),
                ToolErrors.GENERIC);
    }

    /** @return whether the model goes on talking while the function runs, so its result needs a scheduling */
    public boolean isNonBlocking(String function) {
        for (FunctionDeclaration f : declarations) {
            if (f.name().equals(function)) {
                return switch (nonBlocking) {
                    case SUPPORTED -> f.behavior() == FunctionDeclaration.Behavior.NON_BLOCKING;
                    case DEFAULT -> f.behavior() != FunctionDeclaration.Behavior.BLOCKING;
                    case IGNORED -> false;
                };
            }
        }
        return false;
    }

    /**
     * @param value  SILENT, WHEN_IDLE or INTERRUPT, any case
     * @param source what set it, for the error message
     * @throws IllegalArgumentException naming the source and the value
     */
    public static FunctionResponse.Scheduling scheduling(String value, String source) {
        try {
            return FunctionResponse.Scheduling.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " must be SILENT, WHEN_IDLE or INTERRUPT, not: " + value, e);
        }
    }

    /** @return the functions with an endpoint */
    public Set<String> routed() {
        return endpoints.keySet();
    }
}
