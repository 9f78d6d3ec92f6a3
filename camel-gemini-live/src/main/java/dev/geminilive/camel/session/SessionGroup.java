package dev.geminilive.camel.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.geminilive.camel.LiveTurn;
import dev.geminilive.camel.tools.ToolDispatcher;
import dev.geminilive.camel.tools.ToolRouting;
import dev.geminilive.protocol.ToolResponse;
import dev.geminilive.client.LiveClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of all gemini-live endpoints with one name, shared by producers and consumers: at most
 * {@code maxSessions} open at once. A conversation that needs a slot while all are held parks the least recently used
 * session that owes nothing (no exchange holds it, no answer or tool call pending): it is closed cleanly and its
 * conversation keeps its handle and history in the conversation store, so it resumes when it comes back. Conversations
 * that find nothing to park wait in order (FIFO), up to the acquire timeout. Sessions are also closed when idle.
 */
public final class SessionGroup {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGroup.class);
    private static final String PARKED = "Parked: its slot was needed by another conversation";
    private static final long RECHECK_MILLIS = 250;

    /** Makes the tool dispatcher of a conversation. */
    @FunctionalInterface
    public interface ToolDispatchers {
        ToolDispatcher create(ToolRouting routing, String conversationId, java.util.function.Consumer<ToolResponse> sender);
    }

    private record Pending(String conversationId, Supplier<SessionSpec> spec, CompletableFuture<ConversationSession> result) {
    }

    private final String name;
    private final LiveClient client;
    private final Executor pool;
    private final Executor control;
    private final ScheduledExecutorService scheduler;
    private final int maxSessions;
    private final Duration acquireTimeout;
    private final Duration idleTimeout;
    private final Map<String, ConversationSession> sessions = new HashMap<>();
    /** Sessions whose close is under way: no longer handed out, still holding their slot until the close completes. */
    private final java.util.Set<ConversationSession> closing = new java.util.HashSet<>();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> reaper;
    private final ToolDispatchers toolDispatchers;
    private final Continuity continuity;
    private boolean stopped;
    private ScheduledFuture<?> recheck;
    /** The server refused a resume while the old connection was open: hand over close-first from now on. */
    private final java.util.concurrent.atomic.AtomicBoolean openFirstRefused = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong parkedCount = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean failing;
    private volatile String lastFailure;
    private final SessionStats stats = new SessionStats();
    /** Conversations parked for another's sake and not back yet: their state waits in the store. Under the lock. */
    private final java.util.Set<String> parkedConversations = new java.util.HashSet<>();

    /**
     * @param pool    runs route work and what may wait for it (exchanges settled, consumer events, streamed input)
     * @param control runs the conversations' own opening, reconnects and bookkeeping; never waits for a route
     */
    public SessionGroup(String name, LiveClient client, Executor pool, Executor control, ScheduledExecutorService scheduler, int maxSessions,
            Duration acquireTimeout, Duration idleTimeout, ToolDispatchers toolDispatchers, Continuity continuity) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxConcurrentSessions must be at least 1: " + maxSessions);
        }
        this.name = name;
        this.client = client;
        this.pool = pool;
        this.control = control;
        this.scheduler = scheduler;
        this.maxSessions = maxSessions;
        this.acquireTimeout = acquireTimeout;
        this.idleTimeout = idleTimeout;
        this.toolDispatchers = toolDispatchers;
        this.continuity = continuity;
        if (idleTimeout.isZero() || idleTimeout.isNegative()) {
            reaper = null;
        } else {
            long period = Math.max(50, Math.min(idleTimeout.toMillis() / 4, 5000));
            reaper = scheduler.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** @return whether these are the group's limits */
    public boolean sameLimits(int maxSessions, Duration acquireTimeout, Duration idleTimeout) {
        return this.maxSessions == maxSessions && this.acquireTimeout.equals(acquireTimeout) && this.idleTimeout.equals(idleTimeout);
    }

    /** @return the endpoint name these sessions belong to */
    public String name() {
        return name;
    }

    /**
     * The session of a conversation, held for one exchange until {@link #release(ConversationSession)}: the open one, a
     * new one when a slot is free or can be freed by parking an idle conversation, or a new one once a slot frees up.
     *
     * @param spec builds the setup when a session must be opened
     * @return completes when the session is open; fails when it cannot open or no slot frees within the acquire timeout
     */
    public CompletableFuture<ConversationSession> acquire(String conversationId, Supplier<SessionSpec> spec) {
        ConversationSession reserved;
        CompletableFuture<?> predecessor;
        Pending waiting;
        List<ConversationSession> parked;
        synchronized (this) {
            if (stopped) {
                return CompletableFuture.failedFuture(new IllegalStateException("gemini-live:" + name + " is stopped"));
            }
            ConversationSession existing = sessions.get(conversationId);
            if (existing != null && existing.isEnded()) {
                retire(existing);
                existing = null;
            }
            if (existing != null) {
                lease(existing);
                return existing.ready();
            }
            if (occupied() < maxSessions && pending.isEmpty()) {
                reserved = reserve(conversationId);
                predecessor = closingOf(conversationId);
                waiting = null;
                parked = List.of();
            } else {
                // behind earlier waiters, even when a slot is about to free: FIFO across conversations
                reserved = null;
                predecessor = null;
                waiting = new Pending(conversationId, spec, new CompletableFuture<>());
                pending.add(waiting);
                ScheduledFuture<?> timer = scheduler.schedule(() -> expire(waiting), acquireTimeout.toMillis(), TimeUnit.MILLISECONDS);
                waiting.result.whenComplete((s, e) -> timer.cancel(false));
                parked = parkForWaiters();
            }
        }
        if (waiting != null) {
            // closed outside the lock; the slots they free go to the waiters in order
            parked.forEach(s -> s.close(PARKED));
            return waiting.result;
        }
        return launch(reserved, spec, predecessor);
    }

    /** The exchange that acquired the session is finished with it. */
    public void release(ConversationSession session) {
        synchronized (this) {
            session.leases = Math.max(0, session.leases - 1);
            session.lastUsed = System.nanoTime();
        }
        parkIfWaiting();
    }

    /** A session may have become parkable: if conversations wait for a slot, park what can be parked. */
    void parkIfWaiting() {
        List<ConversationSession> parked;
        synchronized (this) {
            if (pending.isEmpty() || stopped) {
                return;
            }
            parked = parkForWaiters();
        }
        parked.forEach(s -> s.close(PARKED));
    }

    /**
     * While conversations wait and nothing could be parked, looks again shortly: a session becomes parkable by time
     * alone once the handle it waits for is overdue. Called with the lock held.
     */
    private void recheckLater() {
        if (recheck == null && !stopped) {
            try {
                recheck = scheduler.schedule(() -> {
                    synchronized (this) {
                        recheck = null;
                    }
                    parkIfWaiting();
                }, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // stopping
            }
        }
    }

    /**
     * Parks least recently used sessions until every waiter has a slot coming (a session closing frees one). Called
     * with the lock held; the returned sessions are closed by the caller, outside the lock.
     */
    private List<ConversationSession> parkForWaiters() {
        List<ConversationSession> parked = new ArrayList<>();
        while (pending.size() > closing.size() && occupied() >= maxSessions) {
            ConversationSession lru = null;
            for (ConversationSession s : sessions.values()) {
                if ((lru == null || s.lastUsed < lru.lastUsed) && s.isParkable()) {
                    lru = s;
                }
            }
            if (lru == null) {
                recheckLater();
                break;
            }
            LOG.debug("Parking Gemini Live conversation {}/{} for a conversation waiting for a slot", name, lru.conversationId());
            retire(lru);
            parked.add(lru);
            parkedConversations.add(lru.conversationId());
        }
        parkedCount.addAndGet(parked.size());
        return parked;
    }

    /** @return what the group's sessions did since it started */
    public SessionStats stats() {
        return stats;
    }

    /** @return conversations parked for another's sake that have not come back yet */
    public synchronized int parkedNow() {
        return parkedConversations.size();
    }

    /** @return conversations waiting for a free slot */
    public synchronized int waitingForSlot() {
        return pending.size();
    }

    /** @return the most sessions the group keeps open at once */
    public int maxSessions() {
        return maxSessions;
    }

    /** @return how many sessions were parked so that another conversation could have their slot */
    public long parkedCount() {
        return parkedCount.get();
    }

    // Called with the lock held.
    private void lease(ConversationSession s) {
        s.leases++;
        s.lastUsed = System.nanoTime();
    }

    /** @return completes when the conversation's previous session, if still closing, has closed. Lock held. */
    private CompletableFuture<?> closingOf(String conversationId) {
        for (ConversationSession s : closing) {
            if (s.conversationId().equals(conversationId)) {
                return s.closed();
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Closes the session of one conversation, if open. */
    public void closeConversation(String conversationId) {
        ConversationSession s;
        synchronized (this) {
            s = sessions.get(conversationId);
            if (s != null) {
                retire(s);
            }
        }
        if (s != null) {
            s.close("Conversation ended");
        }
    }

    // Called with the lock held.
    private void retire(ConversationSession s) {
        if (sessions.remove(s.conversationId(), s)) {
            closing.add(s);
        }
    }

    // Called with the lock held.
    private int occupied() {
        return sessions.size() + closing.size();
    }

    /** @return the conversations with a session open or opening */
    public synchronized List<String> conversations() {
        return new ArrayList<>(sessions.keySet());
    }

    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    public void removeSink(EventSink sink) {
        sinks.remove(sink);
    }

    /**
     * Closes every session and fails every waiting acquire.
     *
     * @return completes when every session's connection has closed
     */
    public CompletableFuture<Void> shutdown() {
        synchronized (this) {
            stopped = true;
            if (recheck != null) {
                recheck.cancel(false);
                recheck = null;
            }
        }
        if (reaper != null) {
            reaper.cancel(false);
        }
        List<ConversationSession> open;
        List<Pending> waiting;
        synchronized (this) {
            open = new ArrayList<>(sessions.values());
            open.forEach(this::retire);
            waiting = new ArrayList<>(pending);
            pending.clear();
        }
        waiting.forEach(p -> p.result.completeExceptionally(new IllegalStateException("gemini-live:" + name + " is stopping")));
        open.forEach(s -> s.close("Route stopping"));
        return CompletableFuture.allOf(open.stream().map(ConversationSession::closed).toArray(CompletableFuture[]::new));
    }

    /** Takes a slot for a new session of the conversation, held by the exchange that asked. Called with the lock held. */
    private ConversationSession reserve(String conversationId) {
        ConversationSession session = new ConversationSession(conversationId, this, client, pool, control, scheduler, continuity);
        sessions.put(conversationId, session);
        parkedConversations.remove(conversationId);
        lease(session);
        return session;
    }

    /**
     * Builds the setup and connects, outside the lock, once the conversation's previous session (being parked or
     * closed) is gone, so its handle is not offered while its old connection is still open. A failure frees the slot.
     */
    private CompletableFuture<ConversationSession> launch(ConversationSession session, Supplier<SessionSpec> spec,
            CompletableFuture<?> predecessor) {
        if (!predecessor.isDone()) {
            return predecessor.handle((x, e) -> x).thenComposeAsync(x -> launch(session, spec, CompletableFuture.completedFuture(null)), control);
        }
        try {
            session.open(spec.get());
        } catch (RuntimeException | Error e) {
            freeSlot(session);
            return CompletableFuture.failedFuture(e);
        }
        return session.ready();
    }

    private void expire(Pending p) {
        boolean removed;
        int open;
        synchronized (this) {
            removed = pending.remove(p);
            open = occupied();
        }
        if (removed) {
            p.result.completeExceptionally(new TimeoutException("No free Gemini Live session for conversation " + p.conversationId
                    + " of gemini-live:" + name + " within " + acquireTimeout + ": " + open + " of " + maxSessions
                    + " sessions open (maxConcurrentSessions)"));
        }
    }

    void openFirstRefused() {
        openFirstRefused.set(true);
    }

    boolean isOpenFirstRefused() {
        return openFirstRefused.get();
    }

    void connectFailed(Throwable error) {
        failures.incrementAndGet();
        lastFailure = error == null ? "unknown" : error.getMessage();
        failing = true;
    }

    void connected() {
        failing = false;
    }

    /**
     * What the group's conversations are doing, for health checks.
     *
     * @param open         conversations with an open connection
     * @param reconnecting conversations between connections
     * @param failures     connection attempts that failed since the group started
     * @param lastFailure  the newest failure, or null
     * @param failing      whether the newest connection attempt failed
     */
    public record Health(int open, int reconnecting, long failures, String lastFailure, boolean failing) {
    }

    /** @return the group's connection health */
    public Health health() {
        List<ConversationSession> all;
        synchronized (this) {
            all = new ArrayList<>(sessions.values());
        }
        int open = 0;
        int reconnecting = 0;
        for (ConversationSession s : all) {
            if (s.isOpen()) {
                open++;
            } else if (s.isReconnecting()) {
                reconnecting++;
            }
        }
        return new Health(open, reconnecting, failures.get(), lastFailure, failing);
    }

    /** @return the conversation's session while it holds a slot, else null */
    public synchronized ConversationSession session(String conversationId) {
        return sessions.get(conversationId);
    }

    void closed(ConversationSession session) {
        freeSlot(session);
    }

    private void freeSlot(ConversationSession session) {
        List<Runnable> admitted = new ArrayList<>();
        synchronized (this) {
            sessions.remove(session.conversationId(), session);
            closing.remove(session);
            while (!pending.isEmpty()) {
                Pending next = pending.peek();
                ConversationSession existing = sessions.get(next.conversationId);
                if (existing != null) {
                    pending.poll();
                    lease(existing);
                    admitted.add(() -> existing.ready().whenComplete((s, e) -> complete(next, s, e)));
                } else if (occupied() < maxSessions) {
                    pending.poll();
                    ConversationSession reserved = reserve(next.conversationId);
                    CompletableFuture<?> predecessor = closingOf(next.conversationId);
                    // connect on a control thread: release runs on socket and timer threads
                    admitted.add(() -> {
                        try {
                            control.execute(() -> launch(reserved, next.spec, predecessor).whenComplete((s, e) -> complete(next, s, e)));
                        } catch (java.util.concurrent.RejectedExecutionException e) {
                            freeSlot(reserved);
                            complete(next, null, e);
                        }
                    });
                } else {
                    break;
                }
            }
        }
        admitted.forEach(Runnable::run);
    }

    private static void complete(Pending p, ConversationSession s, Throwable e) {
        if (e != null) {
            p.result.completeExceptionally(e);
        } else {
            p.result.complete(s);
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        long idle = idleTimeout.toNanos();
        List<ConversationSession> idleSessions = new ArrayList<>();
        synchronized (this) {
            for (ConversationSession s : sessions.values()) {
                if (s.isOpen() && s.isIdle(now, idle)) {
                    idleSessions.add(s);
                }
            }
            idleSessions.forEach(this::retire);
        }
        for (ConversationSession s : idleSessions) {
            LOG.debug("Closing idle Gemini Live session {}", s);
            s.close("Idle timeout");
        }
    }

    ToolDispatcher toolDispatcher(ToolRouting routing, String conversationId, java.util.function.Consumer<ToolResponse> sender) {
        return toolDispatchers.create(routing, conversationId, sender);
    }

    /** @return whether any consumer listens to this group's events */
    boolean hasListeners() {
        return !sinks.isEmpty();
    }

    /** @return whether any consumer receives events of this type */
    boolean listens(String type) {
        for (EventSink sink : sinks) {
            if (sink.accepts(type)) {
                return true;
            }
        }
        return false;
    }

    void publish(LiveEvent event) {
        for (EventSink sink : sinks) {
            sink.onEvent(event);
        }
    }

    void publishTurn(LiveTurn turn) {
        for (EventSink sink : sinks) {
            sink.onTurn(turn);
        }
    }
}
