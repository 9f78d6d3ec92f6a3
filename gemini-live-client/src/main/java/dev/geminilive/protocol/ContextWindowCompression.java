package dev.geminilive.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * Sliding-window compression of the context; makes sessions unlimited in length. int64 fields are written as JSON strings
 * and read from strings or numbers.
 *
 * @param triggerTokens context size that triggers compression
 * @param slidingWindow what to keep
 */
public record ContextWindowCompression(@JsonFormat(shape = JsonFormat.Shape.STRING) Long triggerTokens, SlidingWindow slidingWindow) {

    /** @param targetTokens context size after compression */
    public record SlidingWindow(@JsonFormat(shape = JsonFormat.Shape.STRING) Long targetTokens) {
    }
}
