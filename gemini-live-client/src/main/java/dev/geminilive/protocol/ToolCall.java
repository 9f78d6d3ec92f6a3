package dev.geminilive.protocol;

import java.util.List;

/** @param functionCalls the calls the model asks for; one message may carry several */
public record ToolCall(List<FunctionCall> functionCalls) {

    public ToolCall {
        functionCalls = functionCalls == null ? null : List.copyOf(functionCalls);
    }
}
