package dev.geminilive.protocol;

import java.util.List;
import java.util.Map;

/**
 * One entry of {@code setup.tools}: function declarations or one built-in tool. Built-in tool settings are kept as
 * JSON objects; {@code {}} turns a tool on.
 *
 * @param functionDeclarations functions the model may call
 * @param googleSearch         Google Search grounding
 * @param codeExecution        code execution
 * @param googleMaps           Google Maps grounding
 * @param urlContext           URL context
 * @param fileSearch           File Search over file search stores (Gemini API)
 * @param computerUse          computer use
 * @param mcpServers           remote MCP servers whose tools the model may call
 * @param googleSearchRetrieval the older Google Search grounding, with {@code dynamicRetrievalConfig}
 */
public record Tool(
        List<FunctionDeclaration> functionDeclarations,
        Map<String, Object> googleSearch,
        Map<String, Object> codeExecution,
        Map<String, Object> googleMaps,
        Map<String, Object> urlContext,
        Map<String, Object> fileSearch,
        Map<String, Object> computerUse,
        List<Map<String, Object>> mcpServers,
        Map<String, Object> googleSearchRetrieval) {

    public Tool {
        functionDeclarations = functionDeclarations == null ? null : List.copyOf(functionDeclarations);
        mcpServers = mcpServers == null ? null : List.copyOf(mcpServers);
    }

    /** The tools known before {@code googleSearchRetrieval}; that one stays unset. */
    public Tool(List<FunctionDeclaration> functionDeclarations, Map<String, Object> googleSearch, Map<String, Object> codeExecution,
            Map<String, Object> googleMaps, Map<String, Object> urlContext, Map<String, Object> fileSearch,
            Map<String, Object> computerUse, List<Map<String, Object>> mcpServers) {
        this(functionDeclarations, googleSearch, codeExecution, googleMaps, urlContext, fileSearch, computerUse, mcpServers, null);
    }

    /** The tools known before {@code fileSearch}, {@code computerUse} and {@code mcpServers}; those stay unset. */
    public Tool(List<FunctionDeclaration> functionDeclarations, Map<String, Object> googleSearch, Map<String, Object> codeExecution,
            Map<String, Object> googleMaps, Map<String, Object> urlContext) {
        this(functionDeclarations, googleSearch, codeExecution, googleMaps, urlContext, null, null, null);
    }

    public static Tool functions(List<FunctionDeclaration> declarations) {
        return new Tool(declarations, null, null, null, null, null, null, null);
    }

    public static Tool ofGoogleSearch() {
        return new Tool(null, Map.of(), null, null, null, null, null, null);
    }

    public static Tool ofCodeExecution() {
        return new Tool(null, null, Map.of(), null, null, null, null, null);
    }
}
