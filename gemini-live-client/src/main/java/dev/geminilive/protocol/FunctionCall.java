package dev.geminilive.protocol;

import java.util.List;
import java.util.Map;

/**
 * One function call.
 *
 * @param id           the call id to answer with
 * @param name         the declared function
 * @param args         the arguments as a JSON object
 * @param partialArgs  Vertex AI streaming: arguments arriving piece by piece
 * @param willContinue Vertex AI streaming: more pieces of this call follow
 */
public record FunctionCall(String id, String name, Map<String, Object> args, List<PartialArg> partialArgs, Boolean willContinue) {

    public FunctionCall {
        partialArgs = partialArgs == null ? null : List.copyOf(partialArgs);
    }

    /** A complete call, as the Gemini API sends it. */
    public FunctionCall(String id, String name, Map<String, Object> args) {
        this(id, name, args, null, null);
    }

    /**
     * One streamed piece of a call's arguments (Vertex AI); one of the value fields is set.
     *
     * @param jsonPath     where the value goes in the arguments, e.g. {@code $.location}
     * @param stringValue  a string value, or a piece of one
     * @param numberValue  a number value
     * @param boolValue    a boolean value
     * @param nullValue    {@code NULL_VALUE} for a JSON null
     * @param willContinue more pieces of this value follow
     */
    public record PartialArg(String jsonPath, String stringValue, Double numberValue, Boolean boolValue, String nullValue,
            Boolean willContinue) {
    }
}
