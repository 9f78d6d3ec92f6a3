package dev.geminilive.protocol;

import java.util.Map;

/**
 * One function call.
 *
 * @param id   the call id to answer with
 * @param name the declared function
 * @param args the arguments as a JSON object
 */
public record FunctionCall(String id, String name, Map<String, Object> args) {
}
