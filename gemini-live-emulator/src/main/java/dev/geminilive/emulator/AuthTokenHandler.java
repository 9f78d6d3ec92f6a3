package dev.geminilive.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Google's {@code authTokens.create} over HTTP: {@code POST /v1alpha/auth_tokens}, authenticated with the API key
 * ({@code x-goog-api-key} header or {@code ?key=}) as the real service is, answering {@code {"name":"auth_tokens/..."}}.
 * The body is what the Gen AI SDKs send: {@code uses}, {@code expireTime}, {@code newSessionExpireTime},
 * {@code bidiGenerateContentSetup} and {@code fieldMask} (one comma-separated string). Errors use Google's JSON error
 * shape, {@code {"error":{"code":400,"message":"...","status":"INVALID_ARGUMENT"}}}. Nothing here logs a key or token.
 */
final class AuthTokenHandler extends HttpHandler {

    /** The only version the SDKs create tokens on ("v1alpha only"). */
    static final String PATH = "/v1alpha/auth_tokens";

    private static final Set<String> FIELDS = Set.of("uses", "expireTime", "expire_time", "newSessionExpireTime",
            "new_session_expire_time", "bidiGenerateContentSetup", "bidi_generate_content_setup", "fieldMask", "field_mask");

    private final AuthTokens tokens;
    private final Set<String> apiKeys;
    private final ObjectMapper mapper = new ObjectMapper();

    AuthTokenHandler(AuthTokens tokens, Set<String> apiKeys) {
        this.tokens = tokens;
        this.apiKeys = apiKeys;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        String path = request.getRequestURI().replaceAll("/{2,}", "/");
        if (!path.equals(PATH) || !"POST".equalsIgnoreCase(request.getMethod().getMethodString())) {
            error(response, 404, "NOT_FOUND", "Method not found.");
            return;
        }
        String key = firstNonBlank(request.getHeader("x-goog-api-key"), request.getParameter("key"));
        if (key == null) {
            error(response, 403, "PERMISSION_DENIED", CloseReasons.UNREGISTERED_CALLER);
            return;
        }
        if (key.startsWith(AuthTokens.PREFIX)) {
            // a token is for the Live API only: it cannot mint further tokens
            error(response, 401, "UNAUTHENTICATED", CloseReasons.UNAUTHENTICATED);
            return;
        }
        if (!apiKeys.isEmpty() && !apiKeys.contains(key)) {
            error(response, 400, "INVALID_ARGUMENT", CloseReasons.API_KEY_INVALID);
            return;
        }
        // Grizzly runs HTTP handlers on its worker pool, so a blocking read of the (small) body is fine here
        create(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8), response);
    }

    private void create(String json, Response response) throws IOException {
        AuthTokenSpec spec;
        try {
            spec = parse(json);
        } catch (IllegalArgumentException e) {
            error(response, 400, "INVALID_ARGUMENT", e.getMessage());
            return;
        }
        String name;
        try {
            name = tokens.mint(spec);
        } catch (IllegalArgumentException e) {
            error(response, 400, "INVALID_ARGUMENT", e.getMessage());
            return;
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("name", name);
        send(response, 200, body);
    }

    /** Reads the request body the SDKs send; unknown fields are refused as the real server refuses them. */
    AuthTokenSpec parse(String json) {
        JsonNode root;
        try {
            root = json.isBlank() ? mapper.createObjectNode() : mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid JSON payload received.");
        }
        if (!(root instanceof ObjectNode body)) {
            throw new IllegalArgumentException("Invalid JSON payload received. Expected an object.");
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!FIELDS.contains(n)) {
                throw new IllegalArgumentException("Invalid JSON payload received. Unknown name \"" + n + "\": Cannot find field.");
            }
        }
        AuthTokenSpec.Builder b = AuthTokenSpec.builder();
        JsonNode uses = field(body, "uses", "uses");
        if (uses != null) {
            if (!uses.canConvertToInt() && !(uses.isTextual() && uses.asText().matches("-?\\d+"))) {
                throw new IllegalArgumentException("Invalid value at 'uses' (TYPE_INT32), " + uses);
            }
            int n = uses.isTextual() ? Integer.parseInt(uses.asText()) : uses.asInt();
            if (n < 0) {
                throw new IllegalArgumentException("uses must not be negative.");
            }
            b.uses(n);
        }
        JsonNode expire = field(body, "expireTime", "expire_time");
        if (expire != null) {
            b.expireTime(time(expire, "expire_time"));
        }
        JsonNode newSession = field(body, "newSessionExpireTime", "new_session_expire_time");
        if (newSession != null) {
            b.newSessionExpireTime(time(newSession, "new_session_expire_time"));
        }
        JsonNode setup = field(body, "bidiGenerateContentSetup", "bidi_generate_content_setup");
        if (setup != null) {
            b.constraints(setup.toString());
        }
        JsonNode mask = field(body, "fieldMask", "field_mask");
        if (mask != null) {
            List<String> paths = new ArrayList<>();
            if (mask.isArray()) {
                mask.forEach(p -> paths.add(p.asText()));
            } else {
                for (String p : mask.asText().split(",")) {
                    paths.add(p);
                }
            }
            b.fieldMask(paths.toArray(String[]::new));
        }
        return b.build();
    }

    private static JsonNode field(ObjectNode body, String camel, String snake) {
        JsonNode v = body.has(camel) ? body.get(camel) : body.get(snake);
        return v == null || v.isNull() ? null : v;
    }

    private static Instant time(JsonNode v, String name) {
        try {
            return OffsetDateTime.parse(v.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid value at '" + name + "' (type.googleapis.com/google.protobuf.Timestamp), Field '"
                    + name + "', Illegal timestamp format; timestamps must end with 'Z' or have a valid timezone offset.");
        }
    }

    private void error(Response response, int code, String status, String message) throws IOException {
        ObjectNode err = mapper.createObjectNode();
        ObjectNode e = err.putObject("error");
        e.put("code", code);
        e.put("message", message);
        e.put("status", status);
        send(response, code, err);
    }

    private void send(Response response, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        response.setContentLength(bytes.length);
        OutputStream out = response.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}
