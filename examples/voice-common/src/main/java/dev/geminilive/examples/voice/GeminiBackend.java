package dev.geminilive.examples.voice;

import java.time.Duration;
import java.util.Optional;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.emulator.GeminiLiveEmulator;

/**
 * Which Gemini Live a gateway talks to. With a key (system property {@code gemini.apiKey}, else the environment
 * variable {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}) it is Google's; with {@code gemini.baseUrl} it is that
 * server (e.g. an emulator started on its own); otherwise an in-process emulator is started. The key only ever goes
 * into the component's configuration: it is never logged, printed or sent to the browser or the phone.
 */
public final class GeminiBackend implements AutoCloseable {

    /**
     * The emulator streams its answers at speaking pace (100 ms of audio every 100 ms), as a person would hear them,
     * so that talking over an answer interrupts it as it would on Google's service.
     */
    public static final Duration SPEAKING_PACE = Duration.ofMillis(100);

    private final GeminiLiveEmulator emulator;
    private final String description;
    private final String baseUrl;
    private final String apiKey;

    private GeminiBackend(GeminiLiveEmulator emulator, String baseUrl, String apiKey, String description) {
        this.emulator = emulator;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.description = description;
    }

    /** @return Google when a key is configured, else the server of {@code gemini.baseUrl}, else a local emulator */
    public static GeminiBackend fromEnvironment() {
        String baseUrl = System.getProperty("gemini.baseUrl");
        String key = firstNonBlank(System.getProperty("gemini.apiKey"), System.getenv("GEMINI_API_KEY"), System.getenv("GOOGLE_API_KEY"));
        if (key != null) {
            return new GeminiBackend(null, blankToNull(baseUrl), key, baseUrl == null ? "Google Gemini Live (key from the environment)" : baseUrl);
        }
        if (baseUrl != null && !baseUrl.isBlank()) {
            return new GeminiBackend(null, baseUrl, "local-emulator", baseUrl);
        }
        GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().chunkDelay(SPEAKING_PACE).recording(false).start();
        return new GeminiBackend(emulator, emulator.url(), "local-emulator",
                "the local Gemini Live emulator at " + emulator.url() + " (set GEMINI_API_KEY to talk to Google)");
    }

    /**
     * @param emulator a running emulator (owned by the caller)
     * @return a backend that talks to it
     */
    public static GeminiBackend of(GeminiLiveEmulator emulator) {
        return new GeminiBackend(null, emulator.url(), "local-emulator", "the Gemini Live emulator at " + emulator.url());
    }

    /**
     * Points a component at this backend.
     *
     * @param component the gemini-live component
     */
    public void configure(GeminiLiveComponent component) {
        if (baseUrl != null) {
            component.getConfiguration().setBaseUrl(baseUrl);
        }
        component.getConfiguration().setApiKey(apiKey);
    }

    /** @return the emulator this backend started, if any */
    public Optional<GeminiLiveEmulator> emulator() {
        return Optional.ofNullable(emulator);
    }

    /** @return where the gateway talks to, for the startup line; holds no credential */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
