package dev.geminilive.examples.voice.phone;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A shared secret a media stream must present before the gateway spends Gemini time on it: the gateway has the key,
 * and anyone who can reach its WebSocket could otherwise talk to Gemini on it. Telephony providers pass custom values
 * in the stream's {@code start} event (Twilio: {@code <Stream url="wss://..."><Parameter name="token" value="..."/>}
 * arrives as {@code start.customParameters.token}).
 */
public final class StreamToken {

    /** The custom parameter that carries the token. */
    public static final String PARAMETER = "token";
    /** No token required: for a gateway only reachable by the provider (or on loopback). */
    public static final StreamToken NONE = new StreamToken(null);

    private final byte[] secret;

    private StreamToken(byte[] secret) {
        this.secret = secret;
    }

    /**
     * @param secret the token; null or blank for {@link #NONE}
     * @return the check
     */
    public static StreamToken of(String secret) {
        return secret == null || secret.isBlank() ? NONE : new StreamToken(secret.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param presented the token a stream presented, or null
     * @return whether the stream may go on; compared in constant time, so timing tells nothing about the secret
     */
    boolean admits(String presented) {
        if (secret == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return secret == null ? "StreamToken[none]" : "StreamToken[set]";
    }
}
