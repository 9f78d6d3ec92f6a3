package dev.geminilive.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where a Live session connects and the handshake headers it sends (credentials included). {@link #toString()} never
 * shows a credential.
 *
 * @param uri     the WebSocket URI ({@code ws://} or {@code wss://}) including the method path
 * @param headers handshake headers, e.g. {@code x-goog-api-key}
 */
public record LiveEndpoint(URI uri, Map<String, String> headers) {

    /** The Gemini API host. */
    public static final String GEMINI_API_BASE_URL = "wss://generativelanguage.googleapis.com";
    /** The default API version of the Gemini API. */
    public static final String DEFAULT_API_VERSION = "v1beta";
    /** The API version that ephemeral tokens need. */
    public static final String TOKEN_API_VERSION = "v1alpha";
    /** The default API version of Vertex AI. */
    public static final String DEFAULT_VERTEX_API_VERSION = "v1beta1";

    private static final String GEMINI_PATH = "/ws/google.ai.generativelanguage.%s.GenerativeService.%s";
    private static final String VERTEX_PATH = "/ws/google.cloud.aiplatform.%s.LlmBidiService/BidiGenerateContent";

    public LiveEndpoint {
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /**
     * The Gemini API with an API key, sent in the {@code x-goog-api-key} header.
     *
     * @param baseUrl    {@code null} for Google; else e.g. {@code ws://127.0.0.1:8765} ({@code http/https} map to {@code ws/wss})
     * @param apiVersion {@code null} for v1beta
     * @param apiKey     the key; required
     */
    public static LiveEndpoint geminiApi(String baseUrl, String apiVersion, String apiKey) {
        requireCredential(apiKey, "API key");
        return new LiveEndpoint(geminiUri(baseUrl, apiVersion == null ? DEFAULT_API_VERSION : apiVersion, "BidiGenerateContent"),
                Map.of("x-goog-api-key", apiKey));
    }

    /**
     * The Gemini API's Constrained endpoint with an ephemeral token ({@code auth_tokens/...}), sent as
     * {@code Authorization: Token ...}.
     *
     * @param baseUrl    {@code null} for Google
     * @param apiVersion {@code null} for v1alpha, the version tokens are documented for
     * @param token      the ephemeral token; required
     */
    public static LiveEndpoint ephemeralToken(String baseUrl, String apiVersion, String token) {
        requireCredential(token, "ephemeral token");
        return new LiveEndpoint(
                geminiUri(baseUrl, apiVersion == null ? TOKEN_API_VERSION : apiVersion, "BidiGenerateContentConstrained"),
                Map.of("Authorization", "Token " + token));
    }

    /**
     * Vertex AI with an OAuth bearer token.
     *
     * @param baseUrl      {@code null} for the regional Google host of {@code location}
     * @param location     e.g. {@code us-central1} or {@code global}
     * @param apiVersion   {@code null} for v1beta1
     * @param bearerToken  an OAuth access token; required
     * @param quotaProject optional {@code x-goog-user-project}
     */
    public static LiveEndpoint vertex(String baseUrl, String location, String apiVersion, String bearerToken, String quotaProject) {
        requireCredential(bearerToken, "bearer token");
        String base = baseUrl != null ? baseUrl
                : "global".equals(location) || location == null ? "wss://aiplatform.googleapis.com"
                : "wss://" + location + "-aiplatform.googleapis.com";
        URI uri = URI.create(wsBase(base) + String.format(VERTEX_PATH, apiVersion == null ? DEFAULT_VERTEX_API_VERSION : apiVersion));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearerToken);
        if (quotaProject != null && !quotaProject.isBlank()) {
            headers.put("x-goog-user-project", quotaProject);
        }
        return new LiveEndpoint(uri, headers);
    }

    /** @return whether this is a Vertex AI endpoint (model names are expanded differently) */
    public boolean isVertex() {
        return uri.getPath().contains("LlmBidiService");
    }

    /** @return the URI without query or user info, safe to log */
    public String safeUri() {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getPath();
    }

    @Override
    public String toString() {
        return "LiveEndpoint[" + safeUri() + ", headers=" + headers.keySet() + "]";
    }

    private static URI geminiUri(String baseUrl, String apiVersion, String method) {
        return URI.create(wsBase(baseUrl == null ? GEMINI_API_BASE_URL : baseUrl) + String.format(GEMINI_PATH, apiVersion, method));
    }

    /** Maps http(s) to ws(s) and drops a trailing slash, so the path never starts with {@code //}. */
    static String wsBase(String baseUrl) {
        String b = baseUrl.trim();
        String lower = b.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://")) {
            b = "wss://" + b.substring(8);
        } else if (lower.startsWith("http://")) {
            b = "ws://" + b.substring(7);
        } else if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
            throw new IllegalArgumentException("Base URL must start with ws://, wss://, http:// or https://: " + redactQuery(b));
        }
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }

    /** Drops the query and any user-info: either may hold a credential. */
    private static String redactQuery(String url) {
        int q = url.indexOf('?');
        String u = q < 0 ? url : url.substring(0, q) + "?<redacted>";
        int scheme = u.indexOf("://");
        int at = u.indexOf('@');
        int path = u.indexOf('/', scheme < 0 ? 0 : scheme + 3);
        if (scheme >= 0 && at > scheme && (path < 0 || at < path)) {
            u = u.substring(0, scheme + 3) + "<redacted>@" + u.substring(at + 1);
        }
        return u;
    }

    private static void requireCredential(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("No " + what + " given for the Gemini Live endpoint");
        }
    }
}
