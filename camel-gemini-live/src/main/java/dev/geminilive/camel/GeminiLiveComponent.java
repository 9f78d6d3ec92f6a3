package dev.geminilive.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;


import java.nio.file.Path;

import dev.geminilive.camel.session.SessionGroup;
import dev.geminilive.camel.store.ConversationStore;
import dev.geminilive.camel.store.FileConversationStore;
import dev.geminilive.camel.store.InMemoryConversationStore;
import dev.geminilive.camel.tools.ToolDispatcher;
import dev.geminilive.camel.tools.ToolInvoker;
import dev.geminilive.client.LiveClient;
import dev.geminilive.models.ModelProfiles;
import dev.geminilive.protocol.LiveCodec;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.apache.camel.Endpoint;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;
import org.apache.camel.util.PropertiesHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gemini-live component: holds the shared Live client, the worker threads, and the session groups (one per
 * endpoint name) that producers and consumers share.
 */
@Component("gemini-live")
public class GeminiLiveComponent extends HealthCheckComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GeminiLiveComponent.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    @Metadata
    private GeminiLiveConfiguration configuration = new GeminiLiveConfiguration();

    @Metadata(label = "advanced", autowired = true)
    private GeminiLiveClientFactory clientFactory;

    private final Map<String, SessionGroup> groups = new HashMap<>();
    private final Map<String, LiveClient> clients = new HashMap<>();
    private final ConversationStore memoryStore = new InMemoryConversationStore();
    private final Map<Path, ConversationStore> fileStores = new HashMap<>();
    /** Id of the thread pool profile that sizes the control lanes' pool, when the registry has one. */
    public static final String CONTROL_POOL_PROFILE = "geminiLiveControl";

    private ExecutorService workers;
    private ExecutorService control;
    private ScheduledExecutorService scheduler;
    private ToolInvoker toolInvoker;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("A gemini-live endpoint needs a name: gemini-live:name[?options]");
        }
        GeminiLiveEndpoint endpoint = new GeminiLiveEndpoint(uri, this, configuration.copy());
        endpoint.setName(remaining);
        Map<String, Object> toolEndpoints = PropertiesHelper.extractProperties(parameters, "toolEndpoint.");
        if (!toolEndpoints.isEmpty()) {
            Map<String, Object> merged = new HashMap<>();
            if (configuration.getToolEndpoint() != null) {
                merged.putAll(configuration.getToolEndpoint());
            }
            merged.putAll(toolEndpoints);
            endpoint.getConfiguration().setToolEndpoint(merged);
        }
        try {
            setProperties(endpoint, parameters);
        } catch (PropertyBindingException e) {
            throw OptionErrors.explain(e);
        }
        return endpoint;
    }

    /** @return the factory of the component's LiveClients; null for the default */
    public GeminiLiveClientFactory getClientFactory() {
        return clientFactory;
    }

    /**
     * Creates the LiveClients that sessions connect with (a bean of type GeminiLiveClientFactory in the registry is used
     * automatically); to tune what the options do not cover, or to count and wrap what is created.
     */
    public void setClientFactory(GeminiLiveClientFactory clientFactory) {
        this.clientFactory = clientFactory;
    }

    /** @return the component-level configuration, the defaults of every endpoint */
    public GeminiLiveConfiguration getConfiguration() {
        return configuration;
    }

    /**
     * The component-level configuration: defaults for every endpoint.
     */
    public void setConfiguration(GeminiLiveConfiguration configuration) {
        this.configuration = configuration;
    }

    private final Map<String, Integer> users = new HashMap<>();

    /** A producer or consumer of the endpoint starts: returns the sessions of its name, created with its limits. */
    synchronized SessionGroup attach(GeminiLiveEndpoint endpoint) {
        EndpointSettings settings = endpoint.settings();
        SessionGroup existing = groups.get(endpoint.getName());
        if (existing != null && !existing.sameLimits(settings.maxConcurrentSessions(), settings.sessionAcquireTimeout(),
                settings.sessionIdleTimeout())) {
            LOG.warn("gemini-live:{} endpoints disagree on maxConcurrentSessions, sessionAcquireTimeout or sessionIdleTimeout; "
                     + "the sessions of this name keep the limits of the endpoint that started first", endpoint.getName());
        }
        SessionGroup group = groups.computeIfAbsent(endpoint.getName(), name -> new SessionGroup(name, client(settings), workers(), control(),
                scheduler(), settings.maxConcurrentSessions(), settings.sessionAcquireTimeout(), settings.sessionIdleTimeout(),
                (routing, conversationId, sender) -> new ToolDispatcher(getCamelContext(), toolInvoker(), scheduler(), workers(),
                        routing, conversationId, sender), settings.continuity(conversationStore(endpoint.getConfiguration()))));
        users.merge(endpoint.getName(), 1, Integer::sum);
        return group;
    }

    /** A producer or consumer stops; when it was the last of its name, the name's sessions close. */
    synchronized void detach(String name) {
        Integer left = users.merge(name, -1, Integer::sum);
        if (left == null || left <= 0) {
            users.remove(name);
            SessionGroup g = groups.remove(name);
            if (g != null) {
                g.shutdown();
            }
        }
    }

    /** The endpoint's store: its bean, a file store per directory, the registry's one store, or the in-memory store. */
    private ConversationStore conversationStore(GeminiLiveConfiguration c) {
        if (c.getConversationStore() != null) {
            return c.getConversationStore();
        }
        if (c.getConversationStoreDirectory() != null && !c.getConversationStoreDirectory().isBlank()) {
            Path dir = Path.of(c.getConversationStoreDirectory()).toAbsolutePath().normalize();
            return fileStores.computeIfAbsent(dir, FileConversationStore::new);
        }
        // autowired: the one ConversationStore bean of the registry (a Spring bean, a Karaf service...), if exactly one
        ConversationStore bean = getCamelContext().getRegistry().findSingleByType(ConversationStore.class);
        return bean != null ? bean : memoryStore;
    }

    /** Conversations of endpoints without a store of their own; kept across route restarts, for the component's life. */
    public ConversationStore getDefaultConversationStore() {
        return memoryStore;
    }

    /** @return the session groups of the endpoint names whose producers or consumers run, by name */
    public synchronized Map<String, SessionGroup> sessionGroups() {
        return new java.util.TreeMap<>(groups);
    }

    /** @return the session group of an endpoint name while a producer or consumer of it runs, else null */
    public synchronized SessionGroup sessionGroup(String name) {
        return groups.get(name);
    }

    synchronized ExecutorService workers() {
        if (workers == null) {
            // grows on demand: a consumer route may call the producer from an event lane and wait for it
            workers = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this, "GeminiLive");
        }
        return workers;
    }

    /**
     * The pool of the conversations' control lanes: opening, reconnecting and bookkeeping, the component's own work,
     * which never waits for a route. Bounded, so a burst of connects does not start a thread per connect; its queue is
     * not, since a refused lane task would run on a socket thread. A thread pool profile with id
     * {@value #CONTROL_POOL_PROFILE} in the registry sizes it (e.g. for a conversation store that blocks).
     */
    synchronized ExecutorService control() {
        if (control == null) {
            var manager = getCamelContext().getExecutorServiceManager();
            ThreadPoolProfile profile = manager.getThreadPoolProfile(CONTROL_POOL_PROFILE);
            if (profile == null) {
                int threads = defaultControlThreads();
                profile = new ThreadPoolProfileBuilder(CONTROL_POOL_PROFILE).poolSize(threads).maxPoolSize(threads).maxQueueSize(-1)
                        .keepAliveTime(30L).allowCoreThreadTimeOut(true).build();
            }
            control = manager.newThreadPool(this, "GeminiLiveControl", profile);
        }
        return control;
    }

    /**
     * @return the control pool's size without a profile: a reconnect that resends more than the writer's window waits on
     *         its control thread while the socket drains, so a server-wide goAway wave needs some threads in hand
     */
    static int defaultControlThreads() {
        return Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    }

    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            // every turn, acquire and tool call arms a timer and most are cancelled: no queue bound (Camel's default
            // profile allows 1000), and cancelled timers leave the queue at once
            ThreadPoolProfile profile = new ThreadPoolProfileBuilder("GeminiLiveTimer").poolSize(1).maxQueueSize(-1).build();
            scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "GeminiLiveTimer", profile);
            if (scheduler instanceof SizedScheduledExecutorService sized) {
                sized.getScheduledThreadPoolExecutor().setRemoveOnCancelPolicy(true);
            } else if (scheduler instanceof java.util.concurrent.ScheduledThreadPoolExecutor plain) {
                plain.setRemoveOnCancelPolicy(true);
            }
        }
        return scheduler;
    }

    synchronized ToolInvoker toolInvoker() {
        if (toolInvoker == null) {
            toolInvoker = new ToolInvoker(getCamelContext());
            toolInvoker.start();
        }
        return toolInvoker;
    }

    /** One client per set of client options, so endpoints with their own trust store do not share a container. */
    private LiveClient client(EndpointSettings settings) {
        return clients.computeIfAbsent(settings.clientKey(), k -> {
            GeminiLiveClientFactory factory = clientFactory != null ? clientFactory : GeminiLiveClientFactory.defaults();
            LiveClient client = factory.createClient(settings.clientOptions());
            if (client == null) {
                throw new IllegalStateException("The clientFactory " + factory.getClass().getName() + " returned no LiveClient");
            }
            return client;
        });
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        // Camel creates the component while it builds the routes: in a fresh JVM the model profiles' and codec's first
        // use (hundreds of milliseconds) then runs beside the rest of Camel's start instead of after it
        LiveClient.warmUpInBackground(() -> {
            ModelProfiles.all();
            LiveCodec.strict();
        });
    }

    @Override
    protected void doStop() throws Exception {
        // let the connections close before their container stops, so Tyrus has no timers left on a stopped executor.
        // Not under this component's lock: a session installing a connection holds its own lock and asks the component
        // for its tool invoker, so shutting sessions down while holding the component's lock could deadlock.
        List<SessionGroup> open;
        synchronized (this) {
            open = List.copyOf(groups.values());
        }
        CompletableFuture<?>[] closing = open.stream().map(SessionGroup::shutdown).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(closing).get(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Gemini Live sessions still closing after {} ms; stopping anyway", CLOSE_WAIT_MILLIS);
        }
        synchronized (this) {
            stopResources();
        }
        super.doStop();
    }

    private void stopResources() {
        groups.clear();
        users.clear();
        clients.values().forEach(LiveClient::close);
        clients.clear();
        if (toolInvoker != null) {
            toolInvoker.stop();
            toolInvoker = null;
        }
        if (workers != null) {
            getCamelContext().getExecutorServiceManager().shutdown(workers);
            workers = null;
        }
        if (control != null) {
            getCamelContext().getExecutorServiceManager().shutdown(control);
            control = null;
        }
        if (scheduler != null) {
            // the sessions are closed: a deadline or idle check still pending (up to a turn or tool timeout ahead) has
            // nothing left to do, and a graceful shutdown would keep the timer thread alive until it fired
            getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
            scheduler = null;
        }
    }
}
