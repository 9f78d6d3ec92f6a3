package dev.geminilive.camel.options;

/** Which Live API an endpoint talks to. */
public enum Backend {
    /** The Gemini API (generativelanguage.googleapis.com), with an API key or an ephemeral token. */
    GEMINI,
    /** Vertex AI, with an OAuth bearer token, a project and a location. */
    VERTEX
}
