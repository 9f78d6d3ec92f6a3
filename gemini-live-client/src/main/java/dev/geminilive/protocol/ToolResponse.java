package dev.geminilive.protocol;

import java.util.List;

/** @param functionResponses one response per answered call id */
public record ToolResponse(List<FunctionResponse> functionResponses) {

    public ToolResponse {
        functionResponses = functionResponses == null ? null : List.copyOf(functionResponses);
    }

    public static ToolResponse of(FunctionResponse... responses) {
        return new ToolResponse(List.of(responses));
    }
}
