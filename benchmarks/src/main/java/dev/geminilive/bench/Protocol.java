package dev.geminilive.bench;

import java.time.Duration;

/** The settings every contender shares, so that all of them do the same protocol work. */
final class Protocol {

    /** The emulator's 3.x test model: 3.x rules (text as realtimeInput) with TEXT replies allowed. */
    static final String MODEL = "gemini-3-live-test";
    static final String API_KEY = "bench-key";
    static final String FUNCTION = "get_weather";
    /** The user text that makes the emulator call {@link #FUNCTION}. */
    static final String TOOL_PROMPT = "get_weather city=Paris";
    static final String AUDIO_MIME = "audio/pcm;rate=16000";
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Protocol() {
    }
}
