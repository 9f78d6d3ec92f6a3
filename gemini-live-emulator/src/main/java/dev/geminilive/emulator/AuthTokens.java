package dev.geminilive.emulator;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;

/**
 * The ephemeral tokens this emulator minted, and the rules a setup made with one of them must pass: {@code expireTime},
 * {@code newSessionExpireTime}, {@code uses} (new sessions only; resumptions are free) and the locked setup fields.
 * Tokens the emulator did not mint are not known here; the {@link Authenticator} decides about those as before.
 */
final class AuthTokens {

    static final String PREFIX = "auth_tokens/";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One minted token. {@code used} counts the new sessions it opened; guarded by the instance. */
    private static final class Token {
        final int uses;
        final Instant expireTime;
        final Instant newSessionExpireTime;
        final ObjectNode constraints;
        final List<String> fieldMask;
        int used;

        Token(int uses, Instant expireTime, Instant newSessionExpireTime, ObjectNode constraints, List<String> fieldMask) {
            this.uses = uses;
            this.expireTime = expireTime;
            this.newSessionExpireTime = newSessionExpireTime;
            this.constraints = constraints;
            this.fieldMask = fieldMask;
        }
    }

    /**
     * A setup the token let through.
     *
     * @param json       the frame to go on with: the client's setup with the locked fields taken from the token
     * @param message    that frame, decoded
     * @param expireTime when the token, and so the connection, stops working
     */
    record Admission(String json, ClientMessage message, Instant expireTime) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ObjectMapper mapper = LiveCodec.strict().mapper();

    AuthTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * Mints a token.
     *
     * @return its name, {@code auth_tokens/...}
     * @throws IllegalArgumentException when the spec breaks one of Google's rules (an expiry more than 20 h ahead) or its
     *                                  constraints are not a setup object
     */
    String mint(AuthTokenSpec spec) {
        Instant now = clock.instant();
        Instant expire = spec.expireTime().orElse(now.plus(AuthTokenSpec.DEFAULT_EXPIRE));
        Instant newSession = spec.newSessionExpireTime().orElse(now.plus(AuthTokenSpec.DEFAULT_NEW_SESSION_EXPIRE));
        Instant limit = now.plus(AuthTokenSpec.MAX_LIFETIME);
        if (expire.isAfter(limit)) {
            throw new IllegalArgumentException("expire_time must be less than 20 hours in the future.");
        }
        if (newSession.isAfter(limit)) {
            throw new IllegalArgumentException("new_session_expire_time must be less than 20 hours in the future.");
        }
        ObjectNode constraints = spec.constraints().map(this::parseConstraints).orElse(null);
        List<String> mask = spec.fieldMask().map(AuthTokens::normalizeMask).orElse(null);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String name = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        tokens.put(name, new Token(spec.uses(), expire, newSession, constraints, mask));
        return name;
    }

    /** @return whether this emulator minted the token (and so enforces its rules) */
    boolean minted(String token) {
        return tokens.containsKey(token);
    }

    /** @return how many new sessions the token opened so far; empty for a token this emulator did not mint */
    Optional<Integer> used(String token) {
        Token t = tokens.get(token);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            return Optional.of(t.used);
        }
    }

    /**
     * Checks a setup frame sent with a minted token and counts the use. A setup with a resumption handle is a resumption:
     * it needs an unexpired token but neither a use left nor the new-session window.
     *
     * @param token the token the connection authenticated with
     * @param json  the setup frame as the client sent it
     * @return the frame to go on with
     * @throws ProtocolException 1008 when the token is expired, used up, or past its new-session window
     */
    Admission admit(String token, String json) {
        Token t = tokens.get(token);
        if (t == null) {
            throw new IllegalStateException("Not a minted token");
        }
        ObjectNode frame;
        try {
            JsonNode tree = mapper.readTree(json);
            frame = (ObjectNode) tree;
        } catch (IOException | ClassCastException e) {
            throw new ProtocolException("Invalid JSON payload received.", e);
        }
        JsonNode clientSetup = frame.get("setup");
        if (!(clientSetup instanceof ObjectNode setup)) {
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
        }
        Instant now = clock.instant();
        if (!now.isBefore(t.expireTime)) {
            throw new ProtocolException(CloseReasons.POLICY_VIOLATION, CloseReasons.AUTH_TOKEN_EXPIRED, null);
        }
        String handle = handle(setup);
        if (handle == null) {
            synchronized (t) {
                if (!now.isBefore(t.newSessionExpireTime)) {
                    throw new ProtocolException(CloseReasons.POLICY_VIOLATION, CloseReasons.AUTH_TOKEN_NEW_SESSION_EXPIRED, null);
                }
                if (t.uses > 0 && t.used >= t.uses) {
                    throw new ProtocolException(CloseReasons.POLICY_VIOLATION, CloseReasons.AUTH_TOKEN_USED_UP, null);
                }
                t.used++;
            }
        }
        ObjectNode effective = constrain(setup, t.constraints, t.fieldMask, handle);
        ObjectNode out = frame.deepCopy();
        out.set("setup", effective);
        String effectiveJson = out.toString();
        return new Admission(effectiveJson, LiveCodec.strict().decodeClient(effectiveJson), t.expireTime);
    }

    /** @return how long until the token expires, never negative */
    Duration untilExpiry(Instant expireTime) {
        Duration left = Duration.between(clock.instant(), expireTime);
        return left.isNegative() ? Duration.ZERO : left;
    }

    // ------------------------------------------------------------------ locked fields

    /**
     * The setup the session runs with. Without a field mask the token's setup replaces the client's altogether (Google:
     * "the entire live_connect_constraints is locked"), keeping only the client's model when the token names none. With
     * a mask each listed path takes the token's value, or is removed when the token has none; every other field stays as
     * the client sent it. The resumption handle is never locked: it names the session to resume, it configures nothing.
     */
    static ObjectNode constrain(ObjectNode client, ObjectNode constraints, List<String> mask, String handle) {
        if (constraints == null && mask == null) {
            return client;
        }
        ObjectNode tokenSetup = constraints == null ? client.objectNode() : constraints;
        ObjectNode out;
        if (mask == null) {
            out = tokenSetup.deepCopy();
            if (!out.has("model") && client.has("model")) {
                out.set("model", client.get("model"));
            }
        } else {
            out = camelCopy(client);
            for (String path : mask) {
                lock(out, tokenSetup, path.split("\\."), 0);
            }
        }
        if (handle != null) {
            JsonNode resumption = out.get("sessionResumption");
            ObjectNode r = resumption instanceof ObjectNode o ? o : out.putObject("sessionResumption");
            r.put("handle", handle);
        }
        return out;
    }

    private static void lock(ObjectNode out, JsonNode from, String[] path, int at) {
        String name = path[at];
        JsonNode source = from == null ? null : from.get(name);
        if (at == path.length - 1) {
            if (source == null || source.isNull()) {
                out.remove(name);
            } else {
                out.set(name, source.deepCopy());
            }
            return;
        }
        JsonNode next = out.get(name);
        ObjectNode child;
        if (next instanceof ObjectNode o) {
            child = o;
        } else if (source == null || source.isNull()) {
            return; // neither side has it: nothing to lock
        } else {
            child = out.putObject(name);
        }
        lock(child, source, path, at + 1);
    }

    private static String handle(ObjectNode setup) {
        JsonNode r = setup.has("sessionResumption") ? setup.get("sessionResumption") : setup.get("session_resumption");
        JsonNode h = r == null ? null : r.get("handle");
        return h != null && h.isTextual() && !h.asText().isEmpty() ? h.asText() : null;
    }

    /** The client's setup with its keys (two levels deep) in lowerCamelCase, so that mask paths find them. */
    private static ObjectNode camelCopy(ObjectNode node) {
        ObjectNode out = node.objectNode();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v instanceof ObjectNode o) {
                ObjectNode inner = node.objectNode();
                o.fields().forEachRemaining(f -> inner.set(camel(f.getKey()), f.getValue().deepCopy()));
                v = inner;
            } else {
                v = v.deepCopy();
            }
            out.set(camel(e.getKey()), v);
        }
        return out;
    }

    private ObjectNode parseConstraints(String json) {
        JsonNode node;
        try {
            node = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("bidi_generate_content_setup is not valid JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw new IllegalArgumentException("bidi_generate_content_setup must be an object");
        }
        ObjectNode setup = camelCopy(o);
        ObjectNode frame = mapper.createObjectNode();
        frame.set("setup", setup);
        try {
            LiveCodec.strict().decodeClient(frame.toString());
        } catch (ProtocolException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return setup;
    }

    /** Field paths in lowerCamelCase; the SDKs send one comma-separated string, which the caller has split. */
    static List<String> normalizeMask(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String trimmed = p.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\.");
            StringBuilder b = new StringBuilder();
            for (String part : parts) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(camel(part));
            }
            out.add(b.toString());
        }
        return List.copyOf(out);
    }

    static String camel(String key) {
        if (key.indexOf('_') < 0) {
            return key;
        }
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : key.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
