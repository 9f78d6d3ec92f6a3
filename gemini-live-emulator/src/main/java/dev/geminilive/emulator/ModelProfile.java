package dev.geminilive.emulator;

/**
 * The behavioural family of a Live model: the rules that differ between Gemini 2.5 and Gemini 3.x Live models
 * (protocol reference, section 7).
 */
public enum ModelProfile {
    /** Gemini 2.0 / 2.5 Live: clientContent anytime, mediaChunks accepted, one part per event, NON_BLOCKING tools. */
    GEMINI_2_5,
    /** Gemini 3.x Live: clientContent only to seed history, mediaChunks rejected, several parts per event. */
    GEMINI_3;

    /** @return whether clientContent is accepted after the initial history seed */
    public boolean allowsMidSessionClientContent() {
        return this == GEMINI_2_5;
    }

    /** @return whether the deprecated {@code realtimeInput.mediaChunks} is accepted */
    public boolean acceptsMediaChunks() {
        return this == GEMINI_2_5;
    }

    /** @return whether one server event may carry several parts (e.g. audio and its transcript) */
    public boolean multiPartEvents() {
        return this == GEMINI_3;
    }

    /** @return whether NON_BLOCKING function declarations are honoured (3.x treats them as BLOCKING) */
    public boolean supportsNonBlockingTools() {
        return this == GEMINI_2_5;
    }

    /** @return whether an explicit {@code sessionResumption.handle: null} closes the connection */
    public boolean rejectsNullHandle() {
        return this == GEMINI_3;
    }

    /** @return whether each model turn starts with a serverContent that only carries usageMetadata */
    public boolean sendsLeadingUsage() {
        return this == GEMINI_3;
    }

    /** Guesses the profile of a model from its id: {@code gemini-3...} ids are 3.x, everything else 2.5. */
    public static ModelProfile forModelId(String id) {
        String bare = ModelSpec.bareId(id);
        return bare.startsWith("gemini-3") ? GEMINI_3 : GEMINI_2_5;
    }
}
