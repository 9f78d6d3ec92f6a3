package dev.geminilive.emulator;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.geminilive.emulator.server.HandshakeInfo;

/**
 * Checks the credential of a connection, as the real server does: an API key ({@code x-goog-api-key} header or
 * {@code ?key=}), an ephemeral token ({@code auth_tokens/...} in {@code ?access_token=}, {@code Authorization: Token},
 * or in place of the key) for the Constrained endpoint, or a Bearer token on Vertex paths.
 * <p>
 * The real server accepts the WebSocket upgrade and reports bad credentials with a close frame during setup: a wrong key
 * closes 1007 "API key not valid..." (INVALID_ARGUMENT), a missing credential closes 1008 (PERMISSION_DENIED or
 * UNAUTHENTICATED).
 */
final class Authenticator {

    private static final String TOKEN_PREFIX = "auth_tokens/";

    /**
     * The outcome of a check.
     *
     * @param credential what identifies the caller for the per-key session limit (never logged)
     * @param closeCode  0 when accepted, else the close code
     * @param reason     the close reason when refused
     */
    record Result(String credential, int closeCode, String reason) {
        boolean ok() {
            return closeCode == 0;
        }

        static Result accept(String credential) {
            return new Result(credential, 0, null);
        }

        /** @return the ephemeral token the connection authenticated with, if it did with one */
        Optional<String> token() {
            return credential != null && credential.startsWith("token:") ? Optional.of(credential.substring(6)) : Optional.empty();
        }

        static Result refuse(int code, String reason) {
            return new Result(null, code, reason);
        }

        @Override
        public String toString() {
            return ok() ? "Result[accepted]" : "Result[" + closeCode + " " + reason + "]";
        }
    }

    private final Set<String> apiKeys;
    private final Set<String> authTokens;
    private final AuthTokens minted;

    Authenticator(Set<String> apiKeys, Set<String> authTokens, AuthTokens minted) {
        this.apiKeys = apiKeys;
        this.authTokens = authTokens;
        this.minted = minted;
    }

    Result check(HandshakeInfo h, LivePath path) {
        Optional<String> rawKey = nonEmpty(h.header("x-goog-api-key")).or(() -> nonEmpty(h.queryParam("key")));
        Optional<String> authorization = nonEmpty(h.header("authorization"));
        Optional<String> bearer = authorization.filter(a -> a.toLowerCase(Locale.ROOT).startsWith("bearer "))
                .map(a -> a.substring(7).trim()).filter(s -> !s.isEmpty());
        Optional<String> token = nonEmpty(h.queryParam("access_token"))
                .or(() -> authorization.filter(a -> a.toLowerCase(Locale.ROOT).startsWith("token ")).map(a -> a.substring(6).trim()))
                .or(() -> rawKey.filter(k -> k.startsWith(TOKEN_PREFIX)));
        Optional<String> key = rawKey.filter(k -> !k.startsWith(TOKEN_PREFIX));

        if (path.vertex()) {
            if (bearer.isPresent()) {
                return Result.accept("bearer:" + bearer.get());
            }
            return key.map(this::checkKey).orElse(Result.refuse(CloseReasons.POLICY_VIOLATION, CloseReasons.UNAUTHENTICATED));
        }
        if (path.constrained()) {
            return token.map(this::checkToken).orElse(Result.refuse(CloseReasons.POLICY_VIOLATION, CloseReasons.UNAUTHENTICATED));
        }
        if (key.isPresent()) {
            return checkKey(key.get());
        }
        return token.map(this::checkToken).orElse(Result.refuse(CloseReasons.POLICY_VIOLATION, CloseReasons.UNREGISTERED_CALLER));
    }

    private Result checkKey(String key) {
        if (!apiKeys.isEmpty() && !apiKeys.contains(key)) {
            return Result.refuse(CloseReasons.INVALID_PAYLOAD, CloseReasons.API_KEY_INVALID);
        }
        return Result.accept("key:" + key);
    }

    private Result checkToken(String token) {
        // a token this emulator minted is always known; its expiry and uses are checked with the setup (AuthTokens)
        boolean valid = minted.minted(token) || (authTokens.isEmpty() ? token.startsWith(TOKEN_PREFIX) && token.length() > TOKEN_PREFIX.length()
                : authTokens.contains(token));
        return valid ? Result.accept("token:" + token) : Result.refuse(CloseReasons.POLICY_VIOLATION, CloseReasons.UNAUTHENTICATED);
    }

    private static Optional<String> nonEmpty(Optional<String> v) {
        return v.map(String::trim).filter(s -> !s.isEmpty());
    }
}
