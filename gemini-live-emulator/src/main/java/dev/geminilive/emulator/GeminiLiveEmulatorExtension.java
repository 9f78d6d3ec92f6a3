package dev.geminilive.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.geminilive.emulator.scenario.Scenario;

/**
 * Runs a {@link GeminiLiveEmulator} around JUnit 5 tests:
 *
 * <pre>{@code
 * @RegisterExtension
 * static GeminiLiveEmulatorExtension emulator = GeminiLiveEmulatorExtension.builder().apiKey("test-key").build();
 *
 * @Test
 * void answers() {
 *     String url = emulator.url();             // ws://127.0.0.1:PORT
 *     ...
 *     emulator.lastSession().orElseThrow().frames().sent();
 *     emulator.faults().drop();
 * }
 * }</pre>
 *
 * In a static field it starts once for the class; in an instance field, once per test. Test methods may also take a
 * {@link GeminiLiveEmulator} parameter.
 */
public final class GeminiLiveEmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final GeminiLiveEmulator.Builder builder;
    private GeminiLiveEmulator emulator;
    private boolean perTest;

    private GeminiLiveEmulatorExtension(GeminiLiveEmulator.Builder builder) {
        this.builder = builder;
    }

    /** @return a builder; the emulator defaults are those of {@link GeminiLiveEmulator#builder()} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = builder.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            perTest = true;
            emulator = builder.start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            stop();
        }
    }

    private void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == GeminiLiveEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return emulator();
    }

    /** @return the running emulator */
    public GeminiLiveEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The Gemini Live emulator is not running (outside a test?)");
        }
        return emulator;
    }

    /** @return the base URL, {@code ws://127.0.0.1:PORT} */
    public String url() {
        return emulator().url();
    }

    /** @return the base HTTP URL for SDK {@code baseUrl} settings */
    public String httpUrl() {
        return emulator().httpUrl();
    }

    /** @return the full Gemini API URL of a version */
    public String liveUrl(String apiVersion) {
        return emulator().liveUrl(apiVersion);
    }

    /** @return all sessions so far */
    public List<EmulatorSession> sessions() {
        return emulator().sessions();
    }

    /** @return the most recent session */
    public Optional<EmulatorSession> lastSession() {
        return emulator().lastSession();
    }

    /** @return the recorded frames of a session */
    public List<RecordedFrame> frames(String sessionId) {
        return emulator().frames(sessionId);
    }

    /** Waits for the n-th session (from 1). */
    public EmulatorSession awaitSession(int n, Duration timeout) throws TimeoutException, InterruptedException {
        return emulator().awaitSession(n, timeout);
    }

    /** @return fault injection on the most recent session */
    public Faults faults() {
        return emulator().faults();
    }

    /** @return the connections of one resumable session; see {@link GeminiLiveEmulator#conversationSessions(String)} */
    public List<EmulatorSession> conversationSessions(String conversationId) {
        return emulator().conversationSessions(conversationId);
    }

    /** @return the realtime audio bytes a resumable session received; see {@link GeminiLiveEmulator#receivedAudioBytes(String)} */
    public long receivedAudioBytes(String conversationId) {
        return emulator().receivedAudioBytes(conversationId);
    }

    /** @return the realtime audio a resumable session received, concatenated; see {@link GeminiLiveEmulator#receivedAudio(String)} */
    public byte[] receivedAudio(String conversationId) {
        return emulator().receivedAudio(conversationId);
    }

    /** @return the chunks of that audio; see {@link GeminiLiveEmulator#receivedAudioChunks(String)} */
    public List<ReceivedAudio> receivedAudioChunks(String conversationId) {
        return emulator().receivedAudioChunks(conversationId);
    }

    /** Configures the extension's emulator. */
    public static final class Builder {
        private final GeminiLiveEmulator.Builder emulator = GeminiLiveEmulator.builder();

        private Builder() {
        }

        /** Any emulator setting, e.g. {@code .configure(b -> b.maxSessionsPerKey(1))}. */
        public Builder configure(Consumer<GeminiLiveEmulator.Builder> settings) {
            settings.accept(emulator);
            return this;
        }

        public Builder apiKey(String key) {
            emulator.apiKey(key);
            return this;
        }

        public Builder scenario(Scenario scenario) {
            emulator.scenario(scenario);
            return this;
        }

        /** Loads a scenario from the classpath, e.g. {@code scenarios/weather-tool.json}. */
        public Builder scenarioResource(String resource) {
            try {
                emulator.scenario(Scenario.fromClasspath(resource));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public Builder connectionLifetime(Duration lifetime) {
            emulator.connectionLifetime(lifetime);
            return this;
        }

        public Builder goAwayLead(Duration lead) {
            emulator.goAwayLead(lead);
            return this;
        }

        public Builder chunkDelay(Duration delay) {
            emulator.chunkDelay(delay);
            return this;
        }

        /** See {@link GeminiLiveEmulator.Builder#idleTimeout(Duration)} (default: none). */
        public Builder idleTimeout(Duration idle) {
            emulator.idleTimeout(idle);
            return this;
        }

        /** See {@link GeminiLiveEmulator.Builder#resumptionUpdateInterval(Duration)} (default: none). */
        public Builder resumptionUpdateInterval(Duration interval) {
            emulator.resumptionUpdateInterval(interval);
            return this;
        }

        /** See {@link GeminiLiveEmulator.Builder#rejectResumeWhileConnected(boolean)} (default true). */
        public Builder rejectResumeWhileConnected(boolean reject) {
            emulator.rejectResumeWhileConnected(reject);
            return this;
        }

        public Builder tls(boolean tls) {
            emulator.tls(tls);
            return this;
        }

        /** @return the extension */
        public GeminiLiveEmulatorExtension build() {
            return new GeminiLiveEmulatorExtension(emulator);
        }
    }
}
