package dev.geminilive.protocol;

/**
 * The answer to setup: {@code {}} on the Gemini API, with a session id on Vertex AI.
 *
 * @param sessionId             Vertex AI session id
 * @param voiceConsentSignature the signature of verified voice-clone consent audio, reusable in later setups (allowlisted)
 */
public record SetupComplete(String sessionId, VoiceConsentSignature voiceConsentSignature) {

    public static SetupComplete empty() {
        return new SetupComplete(null, null);
    }

    /**
     * {@code {"signature": "..."}}: an object on the wire, not a bare string.
     *
     * @param signature the opaque signature
     */
    public record VoiceConsentSignature(String signature) {
    }
}
