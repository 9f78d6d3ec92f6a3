package dev.geminilive.camel;

import dev.geminilive.camel.session.SessionGroup;
import dev.geminilive.camel.session.SessionSpec;
import dev.geminilive.camel.session.SessionStats;
import org.apache.camel.Category;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedOperation;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.SynchronousDelegateProducer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Talk to Google's Gemini Live API (stateful, bidirectional text, audio and video) from Camel routes.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "gemini-live", title = "Gemini Live", syntax = "gemini-live:name",
             category = { Category.AI }, headersClass = GeminiLiveConstants.class)
@ManagedResource(description = "Gemini Live endpoint: its sessions, frames, tokens and answer times")
public class GeminiLiveEndpoint extends DefaultEndpoint {

    @UriPath(description = "Names a group of sessions; producers and consumers of endpoints with the same name share them.")
    @Metadata(required = true)
    private String name;

    @UriParam
    private GeminiLiveConfiguration configuration;

    private volatile EndpointSettings settings;

    public GeminiLiveEndpoint(String uri, GeminiLiveComponent component, GeminiLiveConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public GeminiLiveComponent getComponent() {
        return (GeminiLiveComponent) super.getComponent();
    }

    /**
     * A producer opens connections, so its endpoint must have credentials: checked here, so that a missing key stops the
     * route from starting rather than failing its first exchange (with lazyStartProducer, the first exchange fails).
     */
    @Override
    public Producer createProducer() throws Exception {
        SetupFactory.checkCredentials(configuration);
        GeminiLiveProducer producer = new GeminiLiveProducer(this);
        // Camel's way for a synchronous option: the caller waits in the delegate and continues the route itself
        return configuration.isSynchronous() ? new SynchronousDelegateProducer(producer) : producer;
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        GeminiLiveConsumer consumer = new GeminiLiveConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** @return the session group name */
    public String getName() {
        return name;
    }

    /**
     * Names a group of sessions; producers and consumers of endpoints with the same name share them.
     */
    public void setName(String name) {
        this.name = name;
    }

    public GeminiLiveConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The endpoint's options.
     */
    public void setConfiguration(GeminiLiveConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // resolved now, so a bad option fails the route's start, not its first exchange. Credentials are checked where
        // a connection can be opened (createProducer): a consumer only receives the events of sessions that producers of
        // its name open, so it starts without a key.
        settings();
    }

    @Override
    protected void doStop() throws Exception {
        // options may change before the next start
        settings = null;
        super.doStop();
    }

    /**
     * @return the endpoint's options, checked and resolved once
     * @throws IllegalArgumentException naming the first option that cannot work
     */
    public EndpointSettings settings() {
        EndpointSettings s = settings;
        if (s == null) {
            synchronized (this) {
                s = settings;
                if (s == null) {
                    s = EndpointSettings.of(getCamelContext(), configuration);
                    settings = s;
                }
            }
        }
        return s;
    }

    /** @return the connection, setup and tool routing for a new session of this endpoint */
    SessionSpec sessionSpec() {
        return settings().sessionSpec();
    }

    /**
     * Registers a health check for a producer or consumer of this endpoint, when Camel's health checks are on.
     *
     * @param kind producer or consumer
     * @return unregisters it
     */
    Runnable registerHealthCheck(String kind, boolean enabled) {
        // the consumers repository builds its own checks per route; only writable repositories take ours
        if (!(HealthCheckHelper.getHealthCheckRepository(getCamelContext(), kind + "s") instanceof WritableHealthCheckRepository repo)) {
            return () -> {
            };
        }
        GeminiLiveHealthCheck check = new GeminiLiveHealthCheck(this, kind);
        check.setEnabled(enabled);
        repo.addHealthCheck(check);
        return () -> repo.removeHealthCheck(check);
    }

    /** Marks a producer or consumer started; the first one of this name creates the session group. */
    SessionGroup attach() {
        return getComponent().attach(this);
    }

    /** Marks a producer or consumer stopped; when none of this name is left, the sessions close. */
    void detach() {
        getComponent().detach(name);
    }

    // ---------------------------------------------------------------------------------------- JMX (per endpoint name)

    private SessionGroup group() {
        return getComponent().sessionGroup(name);
    }

    private SessionStats stats() {
        SessionGroup g = group();
        return g == null ? null : g.stats();
    }

    @ManagedAttribute(description = "Sessions open now, for every endpoint of this name")
    public int getOpenSessions() {
        SessionGroup g = group();
        return g == null ? 0 : g.health().open();
    }

    @ManagedAttribute(description = "Sessions reconnecting now")
    public int getReconnectingSessions() {
        SessionGroup g = group();
        return g == null ? 0 : g.health().reconnecting();
    }

    @ManagedAttribute(description = "Conversations parked for another's sake and not back yet (their state is in the conversation store)")
    public int getParkedSessions() {
        SessionGroup g = group();
        return g == null ? 0 : g.parkedNow();
    }

    @ManagedAttribute(description = "Conversations waiting for a free session slot")
    public int getWaitingForSession() {
        SessionGroup g = group();
        return g == null ? 0 : g.waitingForSlot();
    }

    @ManagedAttribute(description = "Times a session was parked so another conversation could have its slot")
    public long getParks() {
        SessionGroup g = group();
        return g == null ? 0 : g.parkedCount();
    }

    @ManagedAttribute(description = "Times a conversation moved to a new connection")
    public long getReconnects() {
        SessionStats s = stats();
        return s == null ? 0 : s.reconnects();
    }

    @ManagedAttribute(description = "Server messages received")
    public long getFramesIn() {
        SessionStats s = stats();
        return s == null ? 0 : s.framesIn();
    }

    @ManagedAttribute(description = "Client messages sent after setup (resent ones count again)")
    public long getFramesOut() {
        SessionStats s = stats();
        return s == null ? 0 : s.framesOut();
    }

    @ManagedAttribute(description = "Turns answered to input that asked for them")
    public long getAnsweredTurns() {
        SessionStats s = stats();
        return s == null ? 0 : s.answeredTurns();
    }

    @ManagedAttribute(description = "Mean time from input to the first frame of its answer, in milliseconds")
    public double getMeanTimeToFirstResponse() {
        SessionStats s = stats();
        return s == null ? 0 : s.meanFirstResponseMillis();
    }

    @ManagedAttribute(description = "Longest time from input to the first frame of its answer, in milliseconds")
    public double getMaxTimeToFirstResponse() {
        SessionStats s = stats();
        return s == null ? 0 : s.maxFirstResponseMillis();
    }

    @ManagedAttribute(description = "Newest time from input to the first frame of its answer, in milliseconds")
    public double getLastTimeToFirstResponse() {
        SessionStats s = stats();
        return s == null ? 0 : s.lastFirstResponseMillis();
    }

    @ManagedAttribute(description = "Input tokens in text")
    public long getPromptTextTokens() {
        return tokens("prompt.TEXT");
    }

    @ManagedAttribute(description = "Input tokens in audio")
    public long getPromptAudioTokens() {
        return tokens("prompt.AUDIO");
    }

    @ManagedAttribute(description = "Output tokens in text")
    public long getResponseTextTokens() {
        return tokens("response.TEXT");
    }

    @ManagedAttribute(description = "Output tokens in audio")
    public long getResponseAudioTokens() {
        return tokens("response.AUDIO");
    }

    @ManagedAttribute(description = "All tokens the server reported")
    public long getTotalTokens() {
        return tokens("total");
    }

    @ManagedOperation(description = "Tokens by direction and modality, e.g. prompt.AUDIO=1200, response.TEXT=80, total=1300")
    public java.util.Map<String, Long> tokensByModality() {
        SessionStats s = stats();
        return s == null ? java.util.Map.of() : s.tokens();
    }

    private long tokens(String key) {
        SessionStats s = stats();
        return s == null ? 0 : s.tokens(key);
    }

    @Override
    public String toString() {
        return "gemini-live:" + name;
    }
}
