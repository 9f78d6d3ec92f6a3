package dev.geminilive.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Setup;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Opens Live sessions. One client holds one Tyrus container and a few daemon threads; share it, and {@link #close()} it
 * when done. Thread-safe.
 *
 * <p>Tyrus' connect holds its thread until the handshake ends (its asynchronous connect only moves that wait to a pool
 * of its own), so connects run on a small bounded pool ({@link Builder#maxConcurrentConnects}); further connects wait
 * in a queue. The connect timeout counts from the call to {@link #connect}, the wait in the queue included: an attempt
 * not connected by then fails with the timeout whether it is still queued or in the handshake.
 */
public final class LiveClient implements AutoCloseable {

    private final ClientManager container;
    private final Duration connectTimeout;
    private final Duration setupTimeout;
    private final Duration writeTimeout;
    private final long maxPendingBytes;
    private final int maxIncomingMessageBytes;
    private final ThreadPoolExecutor connectExecutor;
    private final ScheduledExecutorService timer;

    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private LiveClient(Builder b) {
        // the codec's first use costs as much as Tyrus' first connect: let them run side by side
        warmUpInBackground();
        this.connectTimeout = b.connectTimeout;
        this.setupTimeout = b.setupTimeout;
        this.writeTimeout = b.writeTimeout;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxIncomingMessageBytes = b.maxIncomingMessageBytes;
        // before Tyrus' classes create their loggers: no credential may reach them, whatever their level
        LogRedaction.install();
        this.container = createContainer();
        // No Tyrus idle timer per session: the session needs none, and scheduling it raced with Tyrus shutting down its
        // timer executor whenever the last connection closed, failing the next handshake after its full timeout.
        container.setDefaultMaxSessionIdleTimeout(-1);
        Map<String, Object> props = container.getProperties();
        // Tyrus' own switch to print every handshake, headers and all, to standard output
        props.put(ClientProperties.LOG_HTTP_UPGRADE, false);
        props.put(ClientProperties.SHARED_CONTAINER, true);
        props.put(ClientProperties.HANDSHAKE_TIMEOUT, connectTimeout.toMillis());
        props.put(ClientProperties.INCOMING_BUFFER_SIZE, maxIncomingMessageBytes);
        if (b.sslContext != null) {
            SslEngineConfigurator ssl = new SslEngineConfigurator(b.sslContext, true, false, false);
            ssl.setHostVerificationEnabled(b.hostnameVerification);
            props.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
        }
        this.connectExecutor = new ThreadPoolExecutor(b.maxConcurrentConnects, b.maxConcurrentConnects, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemon("gemini-live-connect"));
        // an idle client holds no connect thread
        connectExecutor.allowCoreThreadTimeOut(true);
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, daemon("gemini-live-timer"));
        // cancelled deadlines (connect, setup) leave the queue at once instead of when they would have run
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /**
     * Tyrus loads its Grizzly client container by class name through the thread's context class loader. In OSGi
     * (Karaf) the caller's loader may see no Tyrus at all, so this class's own loader, which imports the container's
     * package, is lent for the call.
     */
    private static ClientManager createContainer() {
        Thread thread = Thread.currentThread();
        ClassLoader callers = thread.getContextClassLoader();
        thread.setContextClassLoader(LiveClient.class.getClassLoader());
        try {
            return ClientManager.createClient();
        } finally {
            thread.setContextClassLoader(callers);
        }
    }

    /**
     * Starts, once per JVM, a daemon thread that prepares the {@link LiveCodec#lenient() codec} for the first session
     * ({@link LiveCodec#warmUp()}), which in a fresh JVM takes about as long as Tyrus' first connect. Returns at once. A
     * session that needs the codec before it is ready waits for it or builds what it needs itself, so only the timing
     * changes. Every client calls it when built; an application may call it earlier so that more of the work overlaps
     * its own start.
     */
    public static void warmUpInBackground() {
        warmUpInBackground(null);
    }

    /**
     * As {@link #warmUpInBackground()}, with the caller's own preparation first, on the same thread (a second thread
     * would only compete with the caller's start), if this call is the one that starts the warm-up.
     *
     * @param first what the caller needs soonest, run before the codec's warm-up; its exceptions are logged at debug
     *              level and dropped
     * @return whether this call started the warm-up (false: it had started already, and {@code first} is not run)
     */
    public static boolean warmUpInBackground(Runnable first) {
        if (!WARMING.compareAndSet(false, true)) {
            return false;
        }
        Thread t = new Thread(() -> {
            if (first != null) {
                warmUp(first);
            }
            warmUp(() -> LiveCodec.lenient().warmUp());
        }, "gemini-live-warm-up");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private static void warmUp(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            // only an optimisation: the first session does the same work and reports what fails
            org.slf4j.LoggerFactory.getLogger(LiveClient.class).debug("Gemini Live warm-up step failed: {}", e.toString());
        }
    }

    /** @return a builder with defaults: connect 10 s, setup 15 s, write 30 s, 4 MiB queued, 16 MiB per message */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects, sends {@code setup} and waits for {@code setupComplete}.
     *
     * @return completes with the open session, or fails with a {@link LiveClientException} that says why: the handshake
     *         was refused (HTTP status), the server closed during setup (close code and reason), the first server
     *         message was not setupComplete, or the setup timeout passed
     */
    public CompletableFuture<LiveSession> connect(LiveEndpoint endpoint, Setup setup, LiveListener listener) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(listener, "listener");
        LogRedaction.remember(endpoint);
        LogRedaction.install();
        LiveSession session = new LiveSession(endpoint, setup, listener, maxPendingBytes, writeTimeout,
                maxIncomingMessageBytes, timer, setupTimeout);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        endpoint.headers().forEach((k, v) -> headers.put(k, List.of(v)));
                    }
                })
                .build();
        ScheduledFuture<?> deadline;
        try {
            deadline = timer.schedule(() -> session.connectTimedOut(describe(endpoint, new DeploymentException(
                    "Handshake response not received within " + connectTimeout)), null),
                    connectTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            session.connectFailed("Cannot connect to Gemini Live at " + endpoint.safeUri() + ": the client is closed", e);
            return session.opened();
        }
        try {
            connectExecutor.execute(() -> {
                if (!session.isConnecting()) {
                    return; // timed out while queued
                }
                try {
                    container.connectToServer(session.socketEndpoint(), config, endpoint.uri());
                } catch (DeploymentException | java.io.IOException | RuntimeException e) {
                    session.connectFailed(describe(endpoint, e), e);
                } catch (Error e) {
                    session.connectFailed(describe(endpoint, e), e);
                    throw e;
                } finally {
                    deadline.cancel(false);
                }
            });
        } catch (RejectedExecutionException e) {
            deadline.cancel(false);
            session.connectFailed("Cannot connect to Gemini Live at " + endpoint.safeUri() + ": the client is closed", e);
        }
        return session.opened();
    }

    static String describe(LiveEndpoint endpoint, Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof HandshakeException he) {
                return "Gemini Live refused the WebSocket handshake at " + endpoint.safeUri() + ": HTTP " + he.getHttpStatusCode()
                        + (he.getMessage() == null ? "" : " " + he.getMessage());
            }
            if (t instanceof javax.net.ssl.SSLHandshakeException tls) {
                return "Cannot connect to Gemini Live at " + endpoint.safeUri() + ": " + tlsProblem(tls);
            }
            t = t.getCause();
        }
        return "Cannot connect to Gemini Live at " + endpoint.safeUri() + ": " + e.getMessage();
    }

    /** Says what is wrong with the server's certificate in words a user can act on. */
    private static String tlsProblem(javax.net.ssl.SSLHandshakeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException
                || String.valueOf(t.getMessage()).contains("PKIX path")) {
                return "the server's TLS certificate is not trusted (" + e.getMessage() + "); give the client a trust store "
                        + "that holds the certificate or its CA";
            }
            if (t instanceof java.security.cert.CertificateException && String.valueOf(t.getMessage()).contains("match")) {
                return "the server's TLS certificate does not match its host name (" + t.getMessage() + ")";
            }
        }
        return "the TLS handshake failed (" + e.getMessage() + ")";
    }

    /** Stops the container and the client's threads; open sessions are closed by the transport. */
    @Override
    public void close() {
        connectExecutor.shutdownNow();
        timer.shutdownNow();
        container.shutdown();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of a {@link LiveClient}. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration setupTimeout = Duration.ofSeconds(15);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private long maxPendingBytes = 4L * 1024 * 1024;
        private int maxIncomingMessageBytes = 16 * 1024 * 1024;
        private SSLContext sslContext;
        private boolean hostnameVerification = true;
        private int maxConcurrentConnects = 4;

        /** Time allowed for the TCP connect and WebSocket handshake. */
        public Builder connectTimeout(Duration v) { connectTimeout = positive(v, "connectTimeout"); return this; }

        /** Time allowed between sending setup and receiving setupComplete. */
        public Builder setupTimeout(Duration v) { setupTimeout = positive(v, "setupTimeout"); return this; }

        /** Time a sender may wait for room in the write queue before its write fails. */
        public Builder writeTimeout(Duration v) { writeTimeout = positive(v, "writeTimeout"); return this; }

        /** Bytes that may wait in the write queue; beyond this, senders wait (backpressure). */
        public Builder maxPendingBytes(long v) {
            if (v <= 0) {
                throw new IllegalArgumentException("maxPendingBytes must be positive: " + v);
            }
            maxPendingBytes = v;
            return this;
        }

        /** The largest server message accepted; larger ones close the connection (a guard against a hostile peer). */
        public Builder maxIncomingMessageBytes(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("maxIncomingMessageBytes must be positive: " + v);
            }
            maxIncomingMessageBytes = v;
            return this;
        }

        /**
         * Connects in progress at once (default 4); each holds a thread until its handshake ends, later ones wait in a
         * queue (within their connect timeout).
         */
        public Builder maxConcurrentConnects(int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("maxConcurrentConnects must be positive: " + v);
            }
            maxConcurrentConnects = v;
            return this;
        }

        /** TLS context for {@code wss://}; the JVM default trust store when not set. Certificates are always verified. */
        public Builder sslContext(SSLContext v) { sslContext = v; return this; }

        /** Whether the server's host name is checked against its certificate (default true). */
        public Builder hostnameVerification(boolean v) { hostnameVerification = v; return this; }

        public LiveClient build() {
            return new LiveClient(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be a positive duration: " + d);
            }
            return d;
        }
    }
}
