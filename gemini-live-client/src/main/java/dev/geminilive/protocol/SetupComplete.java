package dev.geminilive.protocol;

/**
 * The answer to setup: {@code {}} on the Gemini API, with a session id on Vertex AI.
 *
 * @param sessionId             Vertex AI session id
 * @param voiceConsentSignature voice-clone consent (allowlisted)
 */
public record SetupComplete(String sessionId, String voiceConsentSignature) {

    public static SetupComplete empty() {
        return new SetupComplete(null, null);
    }
}
