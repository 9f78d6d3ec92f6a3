package dev.geminilive.protocol;

import java.util.List;

/** @param ids calls that should not have run; their responses are not wanted */
public record ToolCallCancellation(List<String> ids) {

    public ToolCallCancellation {
        ids = ids == null ? null : List.copyOf(ids);
    }
}
