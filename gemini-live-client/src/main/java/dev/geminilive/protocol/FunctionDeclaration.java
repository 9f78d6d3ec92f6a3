package dev.geminilive.protocol;

import java.util.Map;

/**
 * A function the model may call, in the API's own schema.
 *
 * @param name                 the function name
 * @param description          what it does, for the model
 * @param parameters           an OpenAPI-subset schema ({@code type: OBJECT}, upper-case types)
 * @param parametersJsonSchema a JSON Schema instead of {@code parameters}
 * @param response             schema of the output
 * @param responseJsonSchema   a JSON Schema of the output instead of {@code response}
 * @param behavior             {@code BLOCKING} (default) or {@code NON_BLOCKING}
 */
public record FunctionDeclaration(
        String name,
        String description,
        Map<String, Object> parameters,
        Object parametersJsonSchema,
        Map<String, Object> response,
        Behavior behavior,
        Object responseJsonSchema) {

    /** The fields known before {@code responseJsonSchema}; that one stays unset. */
    public FunctionDeclaration(String name, String description, Map<String, Object> parameters, Object parametersJsonSchema,
            Map<String, Object> response, Behavior behavior) {
        this(name, description, parameters, parametersJsonSchema, response, behavior, null);
    }

    /** Whether the model waits for the function's response. */
    public enum Behavior { UNSPECIFIED, BLOCKING, NON_BLOCKING }
}
