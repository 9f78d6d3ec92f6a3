package dev.geminilive.protocol;

import java.util.List;
import java.util.Map;

/**
 * The answer to one function call.
 *
 * @param id           the call id from {@link FunctionCall#id()}; mandatory on the Gemini API
 * @param name         the function name
 * @param response     {@code {"output": ...}} or {@code {"error": ...}}
 * @param parts        optional multimodal parts
 * @param scheduling   NON_BLOCKING only: how the model takes the result
 * @param willContinue NON_BLOCKING only: more responses follow for this call
 */
public record FunctionResponse(
        String id,
        String name,
        Map<String, Object> response,
        List<Part> parts,
        Scheduling scheduling,
        Boolean willContinue) {

    /** How a NON_BLOCKING result is taken into the conversation. */
    public enum Scheduling { SCHEDULING_UNSPECIFIED, SILENT, WHEN_IDLE, INTERRUPT }

    public static FunctionResponse output(String id, String name, Object output) {
        return new FunctionResponse(id, name, java.util.Collections.singletonMap("output", output), null, null, null);
    }

    public static FunctionResponse error(String id, String name, String message) {
        return new FunctionResponse(id, name, Map.of("error", message), null, null, null);
    }
}
