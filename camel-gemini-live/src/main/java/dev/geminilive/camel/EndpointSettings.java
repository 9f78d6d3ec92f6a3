package dev.geminilive.camel;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.geminilive.camel.options.Aggregate;
import dev.geminilive.camel.options.InterruptedReply;
import dev.geminilive.camel.options.ReplyFormat;
import dev.geminilive.camel.options.ReplyMode;
import dev.geminilive.camel.options.TurnPolicy;
import javax.net.ssl.SSLContext;

import dev.geminilive.camel.session.Continuity;
import dev.geminilive.camel.session.EventTypes;
import dev.geminilive.camel.session.SessionSpec;
import dev.geminilive.camel.store.ConversationStore;
import dev.geminilive.camel.tools.ToolRouting;
import dev.geminilive.client.LiveEndpoint;
import dev.geminilive.models.ModelProfile;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Setup;
import org.apache.camel.CamelContext;

/**
 * An endpoint's options, checked and resolved once when the endpoint starts: the one immutable view its producers,
 * consumers, sessions and tools read. A bad value fails the route's start, naming the option, never an exchange.
 */
public final class EndpointSettings {

    private final String model;
    private final String defaultConversationId;
    private final ModelProfile profile;
    private final Modality modality;
    private final Setup setup;
    private final ToolRouting tools;
    private final Supplier<LiveEndpoint> connections;
    private final ReplyFormat replyFormat;
    private final ReplyMode replyMode;
    private final TurnPolicy turnPolicy;
    private final InterruptedReply interruptedReply;
    private final boolean synchronous;
    private final Duration turnTimeout;
    private final String audioMimeType;
    private final int audioChunkMillis;
    private final boolean automaticActivityDetection;
    private final boolean initialHistoryInClientContent;
    private final Aggregate aggregate;
    private final Set<String> events;
    private final LiveClientOptions clientOptions;
    private final String clientKey;
    private final int maxConcurrentSessions;
    private final Duration sessionAcquireTimeout;
    private final Duration sessionIdleTimeout;
    private final int reconnectMaxAttempts;
    private final Duration reconnectInitialDelay;
    private final Duration reconnectMaxDelay;
    private final Duration resumptionHandleTtl;
    private final int historyMaxTurns;
    private final long maxReplayBytes;

    private EndpointSettings(CamelContext context, GeminiLiveConfiguration c) {
        ConfigurationChecks.check(c);
        this.model = c.getModel();
        this.defaultConversationId = c.getConversationId() == null || c.getConversationId().isBlank() ? "default"
                : c.getConversationId().trim();
        this.profile = Profiles.of(c);
        List<Modality> modalities = SetupFactory.modalities(c);
        ModelProfileChecks.check(c, profile, modalities);
        this.modality = modalities.get(0);
        this.tools = ToolRoutings.build(context, c);
        this.setup = SetupFactory.setup(context, c, tools.declarations());
        this.connections = () -> SetupFactory.endpoint(c);
        this.replyFormat = orDefault(c.getReplyFormat(), ReplyFormat.TEXT);
        this.replyMode = orDefault(c.getReplyMode(), ReplyMode.ANSWER);
        this.turnPolicy = orDefault(c.getTurnPolicy(), TurnPolicy.QUEUE);
        this.interruptedReply = orDefault(c.getInterruptedReply(), InterruptedReply.FAIL);
        this.synchronous = c.isSynchronous();
        this.turnTimeout = Duration.ofMillis(c.getTurnTimeout());
        this.audioMimeType = c.getAudioMimeType();
        this.audioChunkMillis = c.getAudioChunkMillis();
        this.automaticActivityDetection = c.isAutomaticActivityDetection();
        this.initialHistoryInClientContent = c.isInitialHistoryInClientContent();
        this.aggregate = orDefault(c.getAggregate(), Aggregate.CHUNK);
        this.events = events(c.getEvents());
        SSLContext ssl = SetupFactory.sslContext(context, c);
        this.clientOptions = new LiveClientOptions(Duration.ofMillis(c.getConnectTimeout()), Duration.ofMillis(c.getSetupTimeout()),
                c.getMaxPendingBytes(), Duration.ofMillis(c.getWriteTimeout()), ssl, c.getMaxConcurrentConnects());
        // endpoints with the same TLS parameters share a client; each build of an SSLContext is a new object
        this.clientKey = (ssl == null ? "default" : "ssl@" + System.identityHashCode(c.getSslContextParameters())) + "/"
                         + c.getConnectTimeout() + "/" + c.getSetupTimeout() + "/" + c.getMaxPendingBytes() + "/" + c.getWriteTimeout()
                         + "/" + c.getMaxConcurrentConnects();
        this.maxConcurrentSessions = c.effectiveMaxConcurrentSessions();
        this.sessionAcquireTimeout = Duration.ofMillis(c.getSessionAcquireTimeout());
        this.sessionIdleTimeout = Duration.ofMillis(c.getSessionIdleTimeout());
        this.reconnectMaxAttempts = c.getReconnectMaxAttempts();
        this.reconnectInitialDelay = Duration.ofMillis(c.getReconnectInitialDelay());
        this.reconnectMaxDelay = Duration.ofMillis(c.getReconnectMaxDelay());
        this.resumptionHandleTtl = Duration.ofMillis(c.getResumptionHandleTtl());
        this.historyMaxTurns = c.getHistoryMaxTurns();
        this.maxReplayBytes = c.getMaxReplayBytes();
    }

    /**
     * @return the settings of a configuration
     * @throws IllegalArgumentException naming the first option that cannot work
     */
    static EndpointSettings of(CamelContext context, GeminiLiveConfiguration configuration) {
        return new EndpointSettings(context, configuration);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** @return the event types of the events option; null when unset (all) */
    static Set<String> events(String option) {
        if (option == null || option.isBlank()) {
            return null;
        }
        Set<String> set = Arrays.stream(option.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String e : set) {
            if (!EventTypes.ALL.contains(e)) {
                throw new IllegalArgumentException("Unknown event type '" + e + "' in events; known: " + String.join(",", EventTypes.ALL));
            }
        }
        return set;
    }

    /** @return what a new session of this endpoint connects to and sends; asks token suppliers for a fresh credential */
    SessionSpec sessionSpec() {
        return new SessionSpec(connections.get(), connections, setup, tools,
                profile.clientContent() != ModelProfile.ClientContentRule.ANYTIME);
    }

    /** @return the model option as given, e.g. gemini-3.8-live */
    public String model() {
        return model;
    }

    /** @return the conversation of exchanges without the conversation id header */
    public String defaultConversationId() {
        return defaultConversationId;
    }

    /** @return the rules of the model's family */
    public ModelProfile profile() {
        return profile;
    }

    /** @return the one modality the model answers in */
    public Modality modality() {
        return modality;
    }

    /** @return the setup message every session of this endpoint sends */
    public Setup setup() {
        return setup;
    }

    /** @return the declared functions and the endpoints that answer them */
    public ToolRouting tools() {
        return tools;
    }

    public ReplyFormat replyFormat() {
        return replyFormat;
    }

    public ReplyMode replyMode() {
        return replyMode;
    }

    public TurnPolicy turnPolicy() {
        return turnPolicy;
    }

    /** @return whether new input may cut off the answer in progress */
    public boolean bargeIn() {
        return turnPolicy == TurnPolicy.INTERRUPT;
    }

    public InterruptedReply interruptedReply() {
        return interruptedReply;
    }

    /** @return whether the caller waits for each exchange and continues the route itself */
    public boolean synchronous() {
        return synchronous;
    }

    public Duration turnTimeout() {
        return turnTimeout;
    }

    public String audioMimeType() {
        return audioMimeType;
    }

    public int audioChunkMillis() {
        return audioChunkMillis;
    }

    public boolean automaticActivityDetection() {
        return automaticActivityDetection;
    }

    public boolean initialHistoryInClientContent() {
        return initialHistoryInClientContent;
    }

    public Aggregate aggregate() {
        return aggregate;
    }

    /** @return the event types consumers receive; null for all */
    public Set<String> events() {
        return events;
    }

    /** @return the options of the client this endpoint's sessions connect with */
    public LiveClientOptions clientOptions() {
        return clientOptions;
    }

    /** @return equal for endpoints that may share a client */
    String clientKey() {
        return clientKey;
    }

    public int maxConcurrentSessions() {
        return maxConcurrentSessions;
    }

    public Duration sessionAcquireTimeout() {
        return sessionAcquireTimeout;
    }

    public Duration sessionIdleTimeout() {
        return sessionIdleTimeout;
    }

    /** @return how the endpoint's conversations outlive their connections, keeping their state in the store */
    Continuity continuity(ConversationStore store) {
        return new Continuity(store, reconnectMaxAttempts, reconnectInitialDelay, reconnectMaxDelay, resumptionHandleTtl, historyMaxTurns,
                maxReplayBytes);
    }

    /** @return whether the model only transcribes: its answer is the transcription of the input */
    public boolean transcribes() {
        return profile.transcribeOnly();
    }
}
