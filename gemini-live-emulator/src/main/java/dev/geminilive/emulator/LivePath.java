package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of the WebSocket paths a Live client may dial.
 *
 * @param path        the normalised path
 * @param vertex      Vertex AI ({@code LlmBidiService/BidiGenerateContent}) rather than the Gemini API
 * @param apiVersion  {@code v1beta}, {@code v1alpha}, {@code v1} (Gemini API) or {@code v1beta1}, {@code v1} (Vertex)
 * @param constrained the ephemeral-token endpoint {@code BidiGenerateContentConstrained}
 */
public record LivePath(String path, boolean vertex, String apiVersion, boolean constrained) {

    /** Gemini API versions served. */
    public static final List<String> GEMINI_VERSIONS = List.of("v1beta", "v1alpha", "v1");
    /** Vertex AI versions served. */
    public static final List<String> VERTEX_VERSIONS = List.of("v1beta1", "v1");

    /** @return the Gemini API path for a version and method */
    public static String gemini(String apiVersion, boolean constrained) {
        return "/ws/google.ai.generativelanguage." + apiVersion + ".GenerativeService.BidiGenerateContent"
                + (constrained ? "Constrained" : "");
    }

    /** @return the Vertex AI path for a version */
    public static String vertex(String apiVersion) {
        return "/ws/google.cloud.aiplatform." + apiVersion + ".LlmBidiService/BidiGenerateContent";
    }

    /** @return every path the emulator serves */
    public static List<LivePath> all() {
        List<LivePath> out = new ArrayList<>();
        for (String v : GEMINI_VERSIONS) {
            out.add(new LivePath(gemini(v, false), false, v, false));
            out.add(new LivePath(gemini(v, true), false, v, true));
        }
        for (String v : VERTEX_VERSIONS) {
            out.add(new LivePath(vertex(v), true, v, false));
        }
        return out;
    }

    /** @return the served path equal to a normalised request path */
    public static Optional<LivePath> find(String normalisedPath) {
        return all().stream().filter(p -> p.path.equals(normalisedPath)).findFirst();
    }
}
