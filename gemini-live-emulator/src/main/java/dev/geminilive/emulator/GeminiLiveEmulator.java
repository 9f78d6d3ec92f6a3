package dev.geminilive.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;

import dev.geminilive.emulator.brain.Brain;
import dev.geminilive.emulator.brain.DefaultBrain;
import dev.geminilive.emulator.scenario.Scenario;
import dev.geminilive.emulator.server.LoopbackServer;
import dev.geminilive.emulator.server.SelfSignedTls;

/**
 * A local Gemini Live server. Start one with {@link #builder()}:
 *
 * <pre>{@code
 * try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey("test-key").start()) {
 *     String url = emulator.url() + LivePath.gemini("v1beta", false);   // ws://127.0.0.1:PORT/ws/...
 *     ...
 *     List<RecordedFrame> frames = emulator.lastSession().orElseThrow().allFrames();
 * }
 * }</pre>
 *
 * It binds 127.0.0.1 on a free port unless told otherwise, serves every Live path (Gemini API v1beta, v1alpha, v1,
 * Constrained, Vertex AI) and {@code POST /v1alpha/auth_tokens} (ephemeral tokens, see {@link #createAuthToken}), and
 * records every frame of every session.
 */
public final class GeminiLiveEmulator implements AutoCloseable {

    private final EmulatorCore core;
    private final LoopbackServer server;
    private final SelfSignedTls tls;

    private GeminiLiveEmulator(EmulatorCore core, LoopbackServer server, SelfSignedTls tls) {
        this.core = core;
        this.server = server;
        this.tls = tls;
    }

    /** @return a builder with the defaults of the real service (10 min connections, 3 sessions per key, ...) */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the settings this emulator runs with */
    public EmulatorSettings settings() {
        return core.settings;
    }

    /** @return the port it listens on */
    public int port() {
        return server.port();
    }

    /** @return the base WebSocket URL, {@code ws://127.0.0.1:PORT} ({@code wss://} with TLS); clients append the path */
    public String url() {
        return (tls != null ? "wss://" : "ws://") + host() + ":" + port();
    }

    /** @return the base HTTP URL, for SDKs whose {@code baseUrl} is an http(s) URL */
    public String httpUrl() {
        return (tls != null ? "https://" : "http://") + host() + ":" + port();
    }

    /** @return the full URL of the Gemini API endpoint of a version, e.g. {@code liveUrl("v1beta")} */
    public String liveUrl(String apiVersion) {
        return url() + LivePath.gemini(apiVersion, false);
    }

    private String host() {
        String bind = core.settings.bindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    /** @return every session (connection) so far, oldest first */
    public List<EmulatorSession> sessions() {
        return core.sessions();
    }

    /** @return the session with this id */
    public Optional<EmulatorSession> session(String id) {
        return sessions().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** @return the most recent session */
    public Optional<EmulatorSession> lastSession() {
        List<EmulatorSession> all = sessions();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Forgets the closed sessions and their frames (open sessions stay). */
    public void clearSessions() {
        core.forgetClosedSessions(Integer.MAX_VALUE);
    }

    /**
     * @return the remembered sessions (connections) of one resumable session, oldest first: every connection whose
     *         {@link EmulatorSession#conversationId()} is this id (the id of the session's first connection, e.g. "s1")
     */
    public List<EmulatorSession> conversationSessions(String conversationId) {
        return core.conversationSessions(conversationId);
    }

    /**
     * @return how many realtime input audio bytes (decoded PCM, from {@code realtimeInput.audio} and audio
     *         {@code mediaChunks}) all connections of this resumable session consumed; 0 for an unknown id. Counted
     *         with recording off too.
     */
    public long receivedAudioBytes(String conversationId) {
        return core.conversations.audioBytes(conversationId);
    }

    /**
     * The realtime input audio all connections of this resumable session consumed, concatenated in the order the
     * emulator consumed it. Kept only with recording on, up to the first 64 MiB per session (about 35 min of 16 kHz
     * PCM): when {@code receivedAudio(id).length < receivedAudioBytes(id)} the rest was not kept. Audio a closed
     * connection never processed is not in it. Forgetting all connections of a session (clearSessions, or
     * maxRecordedSessions) forgets its audio too.
     *
     * @return the bytes; empty for an unknown id
     * @throws IllegalStateException when recording is off
     */
    public byte[] receivedAudio(String conversationId) {
        List<ReceivedAudio> chunks = receivedAudioChunks(conversationId);
        int total = 0;
        for (ReceivedAudio c : chunks) {
            total += c.length();
        }
        byte[] all = new byte[total];
        int at = 0;
        for (ReceivedAudio c : chunks) {
            System.arraycopy(c.data(), 0, all, at, c.length());
            at += c.length();
        }
        return all;
    }

    /**
     * @return the chunks behind {@link #receivedAudio(String)}, in order, each with its connection and client message
     *         index (to spot a chunk sent twice across a handover)
     * @throws IllegalStateException when recording is off
     */
    public List<ReceivedAudio> receivedAudioChunks(String conversationId) {
        if (!core.settings.recording()) {
            throw new IllegalStateException("The received audio is kept only with recording on; receivedAudioBytes counts without it");
        }
        return core.conversations.audioChunks(conversationId);
    }

    /** @return the recorded frames of a session, empty when there is no such session */
    public List<RecordedFrame> frames(String sessionId) {
        return session(sessionId).map(EmulatorSession::allFrames).orElse(List.of());
    }

    /**
     * Waits until the n-th session (from 1) has opened.
     *
     * @throws TimeoutException when it does not open in time
     */
    public EmulatorSession awaitSession(int n, Duration timeout) throws TimeoutException, InterruptedException {
        List<EmulatorSession> all = core.awaitSessions(n, timeout.toMillis());
        if (all.size() < n) {
            throw new TimeoutException("Session " + n + " did not open within " + timeout + "; " + all.size() + " opened");
        }
        return all.get(n - 1);
    }

    /** @return fault injection on the most recent session */
    public Faults faults() {
        return lastSession().orElseThrow(() -> new IllegalStateException("No session has opened yet")).faults();
    }

    /**
     * Mints an ephemeral token, as {@code POST /v1alpha/auth_tokens} does over HTTP.
     *
     * @return the token's name, {@code auth_tokens/...}, for {@code ?access_token=} or {@code Authorization: Token}
     * @throws IllegalArgumentException when the spec breaks one of Google's rules (an expiry more than 20 h ahead) or its
     *                                  constraints are not a setup object
     */
    public String createAuthToken(AuthTokenSpec spec) {
        return core.authTokens.mint(spec);
    }

    /** @return a token with Google's defaults: one use, 30 minutes, new sessions within 60 seconds, nothing locked */
    public String createAuthToken() {
        return createAuthToken(AuthTokenSpec.builder().build());
    }

    /** @return how many new sessions a minted token has opened (resumptions do not count); empty for another token */
    public Optional<Integer> authTokenUses(String token) {
        return core.authTokens.used(token);
    }

    /** @return whether it serves wss */
    public boolean isTls() {
        return tls != null;
    }

    /** @return a client TLS context that trusts this emulator's certificate */
    public SSLContext clientSslContext() {
        return requireTls().clientContext();
    }

    /** @return a trust store holding this emulator's certificate (PKCS12, password "changeit" when written) */
    public KeyStore trustStore() {
        return requireTls().trustStore();
    }

    /** @return the self-signed TLS material */
    public SelfSignedTls tls() {
        return requireTls();
    }

    private SelfSignedTls requireTls() {
        if (tls == null) {
            throw new IllegalStateException("This emulator was started without TLS; use builder().tls(true)");
        }
        return tls;
    }

    /** @return Grizzly's idle timeout of the TCP connections; empty (off) unless a test set one */
    Optional<Duration> transportIdleTimeout() {
        return server.transportIdleTimeout();
    }

    /**
     * Stops the server. Open connections first get a close frame, 1001 {@code The emulator is shutting down.}; it waits
     * up to a second for them to end, then stops the listener.
     */
    @Override
    public void close() {
        core.closeOpenConnections(CloseReasons.GOING_AWAY, CloseReasons.SHUTTING_DOWN, 1000);
        server.close();
        core.shutdown();
    }

    /** Configures and starts an emulator. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private final Set<String> apiKeys = new LinkedHashSet<>();
        private final Set<String> authTokens = new LinkedHashSet<>();
        private List<ModelSpec> models;
        private Duration connectionLifetime = Duration.ofMinutes(10);
        private Duration goAwayLead = Duration.ofSeconds(50);
        private Duration audioSessionLimit = Duration.ofMinutes(15);
        private Duration videoSessionLimit = Duration.ofMinutes(2);
        private int maxSessionsPerKey = 10;
        private Duration handleTtl = Duration.ofHours(2);
        private int maxMessageBytes = 8 * 1024 * 1024;
        private boolean binaryFrames = true;
        private Duration chunkDelay = Duration.ofMillis(5);
        private Duration frameDelay = Duration.ZERO;
        private boolean rejectResumeWhileConnected = true;
        private Duration idleTimeout = Duration.ZERO;
        private Duration resumptionUpdateInterval = Duration.ZERO;
        private Duration transportIdleTimeout;
        private boolean recording = true;
        private int maxRecordedSessions = 1000;
        private boolean tls;
        private Scenario scenario = Scenario.empty();
        private Brain brain = new DefaultBrain();
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Listen on this address (default 127.0.0.1). */
        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        /** Listen on this port (default 0: a free port). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** Accept this API key; once any key is added, other keys are refused. By default any non-empty key is accepted. */
        public Builder apiKey(String key) {
            apiKeys.add(key);
            return this;
        }

        /** Accept this ephemeral token; by default any {@code auth_tokens/...} token is accepted. */
        public Builder authToken(String token) {
            authTokens.add(token);
            return this;
        }

        /** Serve exactly these models instead of {@link ModelCatalog#defaults()}. */
        public Builder models(List<ModelSpec> v) {
            models = List.copyOf(v);
            return this;
        }

        /** Serve these models by name, profiles guessed with {@link ModelSpec#of}. */
        public Builder models(String... names) {
            List<ModelSpec> list = new ArrayList<>();
            for (String n : names) {
                list.add(ModelSpec.of(n));
            }
            return models(list);
        }

        /** Connection lifetime (default 10 min): goAway at lifetime minus lead, close 1011 at lifetime. */
        public Builder connectionLifetime(Duration v) {
            connectionLifetime = v;
            return this;
        }

        /** How long before the end of a connection goAway is sent (default 50 s). */
        public Builder goAwayLead(Duration v) {
            goAwayLead = v;
            return this;
        }

        /** Session limit without video or compression (default 15 min). */
        public Builder audioSessionLimit(Duration v) {
            audioSessionLimit = v;
            return this;
        }

        /** Session limit once video arrived, without compression (default 2 min). */
        public Builder videoSessionLimit(Duration v) {
            videoSessionLimit = v;
            return this;
        }

        /** Concurrent sessions per key (default 10, the concurrency seen working on the Gemini API). */
        public Builder maxSessionsPerKey(int v) {
            maxSessionsPerKey = v;
            return this;
        }

        /** Resumption handle validity after the session's last connection closed (default 2 h). */
        public Builder handleTtl(Duration v) {
            handleTtl = v;
            return this;
        }

        /** Largest client frame (default 8 MiB); larger ones close with 1009. */
        public Builder maxMessageBytes(int v) {
            maxMessageBytes = v;
            return this;
        }

        /** Send server frames as binary (default, as Google does) or as text frames. */
        public Builder binaryFrames(boolean v) {
            binaryFrames = v;
            return this;
        }

        /** Pause between the frames of a model turn (default 5 ms); longer makes barge-in windows wider. */
        public Builder chunkDelay(Duration v) {
            chunkDelay = v;
            return this;
        }

        /** Extra delay before every server frame (default none). */
        public Builder frameDelay(Duration v) {
            frameDelay = v;
            return this;
        }

        /** Whether a resume is refused with 1011 while another connection of the session is open (default true). */
        public Builder rejectResumeWhileConnected(boolean v) {
            rejectResumeWhileConnected = v;
            return this;
        }

        /**
         * Close a connection with 1011 {@code Idle timeout: no client message for 30s} once no client message arrived
         * for this long while the model is not talking (default {@link Duration#ZERO}: never, as Google documents no idle
         * timeout; connections end at their lifetime).
         */
        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        /**
         * With {@code sessionResumption} in setup: also send a fresh resumable {@code sessionResumptionUpdate} once this
         * long passed without one while no turn is under way, e.g. while realtime input streams (default
         * {@link Duration#ZERO}: only after setup, after each turn and before goAway).
         */
        public Builder resumptionUpdateInterval(Duration v) {
            resumptionUpdateInterval = v;
            return this;
        }

        /**
         * For tests of the transport only: turn Grizzly's TCP idle timeout back on (whole seconds, at least 1). The
         * emulator runs without it, because it ends idle WebSocket connections without a close frame.
         */
        Builder transportIdleTimeout(Duration v) {
            transportIdleTimeout = v;
            return this;
        }

        /** Record every frame (default true); turn off for load tests. */
        public Builder recording(boolean v) {
            recording = v;
            return this;
        }

        /** Sessions kept for inspection (default 1000); beyond it the oldest closed sessions are forgotten. */
        public Builder maxRecordedSessions(int v) {
            maxRecordedSessions = v;
            return this;
        }

        /** Serve wss with a self-signed certificate for 127.0.0.1 and localhost. */
        public Builder tls(boolean v) {
            tls = v;
            return this;
        }

        /** Scripted rules checked before the brain. */
        public Builder scenario(Scenario v) {
            scenario = v;
            return this;
        }

        /** Replace the default deterministic brain. */
        public Builder brain(Brain v) {
            brain = v;
            return this;
        }

        /** Time source for handle expiry (tests may pass a controllable clock). */
        public Builder clock(Clock v) {
            clock = v;
            return this;
        }

        /** @return the settings this builder describes */
        public EmulatorSettings settings() {
            return new EmulatorSettings(bindAddress, port, apiKeys, authTokens,
                    models == null ? ModelCatalog.defaults() : ModelCatalog.of(models), connectionLifetime, goAwayLead,
                    audioSessionLimit, videoSessionLimit, maxSessionsPerKey, handleTtl, maxMessageBytes, binaryFrames, chunkDelay,
                    frameDelay, rejectResumeWhileConnected, idleTimeout, resumptionUpdateInterval, recording, maxRecordedSessions,
                    tls, scenario, brain, clock);
        }

        /** Starts the emulator. */
        public GeminiLiveEmulator start() {
            return start(settings(), transportIdleTimeout);
        }

        /** Starts an emulator with these settings. */
        public static GeminiLiveEmulator start(EmulatorSettings settings) {
            return start(settings, null);
        }

        private static GeminiLiveEmulator start(EmulatorSettings settings, Duration transportIdleTimeout) {
            EmulatorCore core = new EmulatorCore(settings);
            SelfSignedTls tls = settings.tls() ? SelfSignedTls.generate() : null;
            try {
                LoopbackServer server = LoopbackServer.start(settings.bindAddress(), settings.port(), LiveEndpoint.configs(core),
                        core.handshakes, p -> LivePath.find(p).isPresent(), settings.maxMessageBytes(),
                        tls == null ? null : tls.serverContext(), transportIdleTimeout,
                        new AuthTokenHandler(core.authTokens, settings.apiKeys()));
                return new GeminiLiveEmulator(core, server, tls);
            } catch (IOException e) {
                core.shutdown();
                throw new UncheckedIOException("Cannot start the Gemini Live emulator on " + settings.bindAddress() + ":" + settings.port(), e);
            }
        }
    }
}
