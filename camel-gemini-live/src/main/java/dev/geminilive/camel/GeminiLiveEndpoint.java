package dev.geminilive.camel;

import dev.geminilive.camel.session.SessionGroup;
import dev.geminilive.camel.session.SessionSpec;
import dev.geminilive.camel.tools.ToolRouting;
import org.apache.camel.Category;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
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
public class GeminiLiveEndpoint extends DefaultEndpoint {

    @UriPath(description = "Names a group of sessions; producers and consumers of endpoints with the same name share them.")
    @Metadata(required = true)
    private String name;

    @UriParam
    private GeminiLiveConfiguration configuration;

    private volatile ToolRouting toolRouting;

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
        return new GeminiLiveProducer(this);
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
        ConfigurationChecks.check(configuration);
        toolRouting = ToolRoutings.build(getCamelContext(), configuration);
        // build a setup once now, so a bad option fails the route's start, not its first exchange. Credentials are
        // checked where a connection can be opened (createProducer): a consumer only receives the events of sessions
        // that producers of its name open, so it starts without a key.
        SetupFactory.setup(getCamelContext(), configuration, toolRouting.declarations());
    }

    /** @return the connection, setup and tool routing for a new session of this endpoint */
    SessionSpec sessionSpec() {
        ToolRouting tools = toolRouting != null ? toolRouting : ToolRoutings.build(getCamelContext(), configuration);
        return new SessionSpec(SetupFactory.endpoint(configuration), () -> SetupFactory.endpoint(configuration), SetupFactory.setup(getCamelContext(), configuration,
                tools.declarations()), tools,
                Profiles.of(configuration).clientContent() != dev.geminilive.models.ModelProfile.ClientContentRule.ANYTIME);
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

    @Override
    public String toString() {
        return "gemini-live:" + name;
    }
}
