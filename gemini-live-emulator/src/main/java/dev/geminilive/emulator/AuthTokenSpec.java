package dev.geminilive.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What an ephemeral token allows, as Google's {@code authTokens.create} request describes it. Immutable; build one with
 * {@link #builder()} and mint a token with {@link GeminiLiveEmulator#createAuthToken(AuthTokenSpec)}.
 * <p>
 * Defaults are Google's: one use, {@code expireTime} 30 minutes and {@code newSessionExpireTime} 60 seconds after the
 * token is minted, no constraints.
 *
 * @param uses                 how many new sessions the token may open; 0 is unlimited. Resumptions never count.
 * @param expireTime           after this instant the token opens nothing, not even a resumption, and open sessions are
 *                             closed; empty for the default
 * @param newSessionExpireTime after this instant the token only resumes sessions; empty for the default
 * @param constraints          the locked setup ({@code bidiGenerateContentSetup}: a BidiGenerateContentSetup as JSON,
 *                             e.g. {@code {"model":"models/x","generationConfig":{"temperature":0.2}}}), empty for none
 * @param fieldMask            which setup fields the token locks, as field paths ({@code generationConfig.temperature});
 *                             empty: with constraints, every field is locked (the token's setup replaces the client's)
 */
public record AuthTokenSpec(int uses, Optional<Instant> expireTime, Optional<Instant> newSessionExpireTime,
        Optional<String> constraints, Optional<List<String>> fieldMask) {

    /** Google's upper bound for both expiry times, counted from the moment the token is minted. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(20);
    /** Google's default for {@code expireTime}. */
    public static final Duration DEFAULT_EXPIRE = Duration.ofMinutes(30);
    /** Google's default for {@code newSessionExpireTime}. */
    public static final Duration DEFAULT_NEW_SESSION_EXPIRE = Duration.ofSeconds(60);

    public AuthTokenSpec {
        if (uses < 0) {
            throw new IllegalArgumentException("uses must not be negative: " + uses);
        }
        fieldMask = fieldMask.map(List::copyOf);
    }

    /** @return a builder with Google's defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AuthTokenSpec}. */
    public static final class Builder {
        private int uses = 1;
        private Instant expireTime;
        private Instant newSessionExpireTime;
        private String constraints;
        private List<String> fieldMask;

        private Builder() {
        }

        /** New sessions the token may open (default 1); 0 is unlimited. */
        public Builder uses(int v) {
            uses = v;
            return this;
        }

        /** When the token stops working altogether (default: 30 minutes after minting). */
        public Builder expireTime(Instant v) {
            expireTime = v;
            return this;
        }

        /** When the token stops opening new sessions (default: 60 seconds after minting). */
        public Builder newSessionExpireTime(Instant v) {
            newSessionExpireTime = v;
            return this;
        }

        /** The locked setup, a BidiGenerateContentSetup as JSON (without the {@code setup} envelope). */
        public Builder constraints(String setupJson) {
            constraints = setupJson;
            return this;
        }

        /** Lock only these field paths (plus what they name in the constraints), instead of the whole setup. */
        public Builder fieldMask(String... paths) {
            fieldMask = new ArrayList<>(Arrays.asList(paths));
            return this;
        }

        /** @return the spec */
        public AuthTokenSpec build() {
            return new AuthTokenSpec(uses, Optional.ofNullable(expireTime), Optional.ofNullable(newSessionExpireTime),
                    Optional.ofNullable(constraints), Optional.ofNullable(fieldMask));
        }
    }
}
