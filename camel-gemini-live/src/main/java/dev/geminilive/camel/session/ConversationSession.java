package dev.geminilive.camel.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.geminilive.camel.DeadlineCheck;
import dev.geminilive.camel.Failures;
import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.LiveTurn;
import dev.geminilive.camel.store.ConversationState;
import dev.geminilive.camel.store.HistoryTurn;
import dev.geminilive.camel.tools.ToolDispatcher;
import dev.geminilive.client.CloseInfo;
import dev.geminilive.client.LiveClient;
import dev.geminilive.client.LiveClientException;
import dev.geminilive.client.LiveListener;
import dev.geminilive.client.LiveSession;
import dev.geminilive.protocol.ClientContent;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.HistoryConfig;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionConfig;
import dev.geminilive.protocol.SessionResumptionUpdate;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.ToolResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation and the connection it currently talks over. The conversation outlives its connections: on
 * {@code goAway}, a drop (1011, 1006, 1001) or a stalled turn it moves to a new connection with the newest resumption
 * handle, holding new input meanwhile and resending what the server had not consumed; without a usable handle it starts
 * a new session re-seeded with the history kept in the conversation store. 1007 and 1008 end it with a clear error.
 *
 * <p>Threads: server messages arrive on socket threads and only complete waiting exchanges there; handles, goAway,
 * closes and reconnects run on the conversation's control lane, on the component's bounded control pool (they never
 * wait for a route); consumer events run on its event lane, on the component's workers, which grow with the routes
 * that wait. InOut turns go one at a time per conversation, so each answer belongs to its own input.
 */
public final class ConversationSession {

    private static final Logger LOG = LoggerFactory.getLogger(ConversationSession.class);
    private static final long CLOSE_FIRST_WAIT_MILLIS = 2000;
    /** Frames of one stream handed to the connection and not yet written. */
    private static final int STREAM_WINDOW = 8;

    private enum State { NEW, OPENING, OPEN, SWAPPING, ENDED }

    private final String conversationId;
    private final String storeKey;
    private final SessionGroup group;
    private final Continuity continuity;
    private final LiveClient client;
    private final Executor pool;
    private final ScheduledExecutorService scheduler;
    private final SerialLane events;
    private final SerialLane control;

    /** Guards state, the connection, held input and replay buffers. Never taken while holding {@link #turns}. */
    private final Object wire = new Object();
    private State state = State.NEW;
    private Connection current;
    private final ArrayDeque<OutboundEntry> held = new ArrayDeque<>();
    private SessionSpec spec;
    private int generations;

    /** Guards the owed answers and the turn being assembled. */
    private final Object turns = new Object();
    private final ArrayDeque<ExpectedAnswer> expected = new ArrayDeque<>();
    private TurnAssembler assembler;

    /** One exchange's messages at a time, fairly: another exchange's input never interleaves with a stream. */
    private final ReentrantLock input = new ReentrantLock(true);

    /** InOut turns waiting for the one in flight. */
    private final ArrayDeque<QueuedTurn> turnQueue = new ArrayDeque<>();
    /** The queued InOut turn in flight, or null. Guarded by turnQueue. */
    private QueuedTurn inFlight;

    private final CompletableFuture<ConversationSession> ready = new CompletableFuture<>();
    private final AtomicBoolean slotReleased = new AtomicBoolean();
    private volatile boolean closeRequested;
    /** Read anywhere; changed only through {@link #update}, under {@link #memoryLock}. */
    private volatile ConversationState memory = ConversationState.EMPTY;
    private final Object memoryLock = new Object();
    /** Whether the conversation store answers without blocking, so turn-end bookkeeping may run on the socket thread. */
    private final boolean storeInline;
    /** InOut turns not yet answered, oldest first, for the one deadline check of the session. */
    private final ArrayDeque<QueuedTurn> deadlines = new ArrayDeque<>();
    /** One scheduled check for all of them. */
    private final DeadlineCheck deadlineCheck;
    private volatile long lastActivity = System.nanoTime();
    private volatile long lastServerActivity = System.nanoTime();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong lateAnswers = new AtomicLong();
    private final AtomicLong strayTurns = new AtomicLong();
    private final AtomicLong unansweredInputs = new AtomicLong();

    /**
     * @param pool        runs what may run route code or wait for it: consumer events, turns that stream their input
     * @param controlPool runs the control lane: the conversation's own opening, reconnects and bookkeeping
     */
    ConversationSession(String conversationId, SessionGroup group, LiveClient client, Executor pool, Executor controlPool,
            ScheduledExecutorService scheduler, Continuity continuity) {
        this.conversationId = conversationId;
        this.storeKey = group.name() + "/" + conversationId;
        this.group = group;
        this.client = client;
        this.pool = pool;
        this.scheduler = scheduler;
        this.continuity = continuity;
        this.deadlineCheck = new DeadlineCheck(scheduler, this::checkDeadlines, this::deadlinesUnchecked);
        this.events = new SerialLane(pool);
        this.control = new SerialLane(controlPool);
        this.assembler = new TurnAssembler(conversationId);
        this.storeInline = continuity.store() instanceof dev.geminilive.camel.store.InMemoryConversationStore;
    }

    /** @return the conversation id */
    public String conversationId() {
        return conversationId;
    }

    /** @return client messages handed to connections after setup (resent ones count again) */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** @return how often the conversation moved to a new connection */
    public long reconnects() {
        return reconnects.get();
    }

    /** @return answers that came after their exchange had given up, and were discarded */
    public long lateAnswers() {
        return lateAnswers.get();
    }

    /** @return turns no input asked for (the model spoke on its own, or voice activity started them) */
    public long strayTurns() {
        return strayTurns.get();
    }

    /** @return inputs sent without waiting that the model did not begin to answer within their turn timeout */
    public long unansweredInputs() {
        return unansweredInputs.get();
    }

    /** @return whether the conversation has an open connection */
    public boolean isOpen() {
        synchronized (wire) {
            return state == State.OPEN && current != null && current.live.isOpen();
        }
    }

    /**
     * @return whether input may go out on the caller's thread without waiting: the connection is open and no other
     *         exchange's input is being sent (a stream holds the input lock while it is read)
     */
    public boolean acceptsDirectSend() {
        return !input.isLocked() && isOpen();
    }

    /** @return whether the conversation is between connections */
    boolean isReconnecting() {
        synchronized (wire) {
            return state == State.SWAPPING || state == State.OPENING && generations > 1;
        }
    }

    /** @return whether the conversation's session has ended; a new one is needed for its next input */
    boolean isEnded() {
        synchronized (wire) {
            return state == State.ENDED;
        }
    }

    /** @return completes when the last connection has closed (at once when none is open) */
    CompletableFuture<?> closed() {
        Connection c;
        synchronized (wire) {
            c = current;
        }
        return c == null || c.live == null ? CompletableFuture.completedFuture(null) : c.live.closed();
    }

    CompletableFuture<ConversationSession> ready() {
        return ready;
    }

    /** Turns the server finished on this session's connections, and how many of them the newest handle covers. */
    private volatile long turnsEnded;
    private volatile long turnsCoveredByHandle;
    private volatile long lastTurnEndedAt = System.nanoTime();
    /** How long after a turn a session waits for the handle that covers it before it may be parked without one. */
    private static final long HANDLE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Exchanges holding the session: acquired and not yet finished. Guarded by the group's lock. */
    int leases;
    /** When the session was last acquired or let go of; guarded by the group's lock. */
    long lastUsed = System.nanoTime();

    /**
     * Whether the session can be parked to free its slot: open, held by no exchange, no answer or tool call owed, no
     * input held or queued. Called with the group's lock held.
     */
    boolean isParkable() {
        if (leases > 0 || closeRequested) {
            return false;
        }
        synchronized (turns) {
            if (assembler.startedAt() < 0) {
                dropUnanswered(System.nanoTime());
            }
            if (!expected.isEmpty()) {
                return false;
            }
        }
        synchronized (turnQueue) {
            if (inFlight != null || !turnQueue.isEmpty()) {
                return false;
            }
        }
        Connection c;
        synchronized (wire) {
            if (state != State.OPEN || !held.isEmpty()) {
                return false;
            }
            c = current;
        }
        return c != null && c.live != null && c.live.isOpen() && (c.tools == null || !c.tools.hasCallsInFlight()) && handleSettled(c);
    }

    /**
     * Whether parking now would keep the server-side context: resumption is off, or the newest handle covers the last
     * turn, or that handle is overdue (then the conversation is re-seeded from its history when it comes back).
     */
    private boolean handleSettled(Connection c) {
        SessionSpec s = spec;
        return s == null || s.setup().sessionResumption() == null || turnsCoveredByHandle >= turnsEnded
               || System.nanoTime() - lastTurnEndedAt > HANDLE_GRACE_NANOS;
    }

    /** Whether the session has been unused for {@code idleNanos}: never while an exchange holds it. Group lock held. */
    boolean isIdle(long now, long idleNanos) {
        if (leases > 0) {
            // an exchange acquired it and has not sent yet: an open slower than the idle timeout is not idleness
            return false;
        }
        synchronized (turns) {
            if (assembler.startedAt() < 0) {
                dropUnanswered(now);
            }
            if (!expected.isEmpty()) {
                return false;
            }
        }
        synchronized (turnQueue) {
            if (inFlight != null) {
                return false;
            }
        }
        return now - lastActivity > idleNanos;
    }

    // ------------------------------------------------------------------------------------------------ opening

    /** Opens the first connection: resumes the stored handle, else starts a session re-seeded from the stored history. */
    void open(SessionSpec sessionSpec) {
        synchronized (wire) {
            spec = sessionSpec;
            state = State.OPENING;
        }
        control.execute(() -> {
            try {
                memory = continuity.store().load(storeKey).orElse(ConversationState.EMPTY);
            } catch (RuntimeException | Error e) {
                LOG.warn("Cannot read conversation {} from the conversation store; it starts without its earlier context: {}",
                        storeKey, e.getMessage());
                memory = ConversationState.EMPTY;
            }
            connect(null, null, 1, true);
        });
    }

    /**
     * Opens a connection for the conversation; on the control lane.
     *
     * @param old        the connection being replaced, or null for the first
     * @param why        why the conversation moves (null for the first connection)
     * @param attempt    1-based attempt number
     * @param closeFirst whether the old connection is (to be) closed before the new one opens
     */
    private void connect(Connection old, String why, int attempt, boolean closeFirst) {
        SessionSpec s;
        Connection next;
        synchronized (wire) {
            if (state == State.ENDED) {
                return;
            }
            s = spec;
            next = new Connection(++generations);
        }
        ConversationState mem = usableMemory();
        boolean resume = mem.handle() != null && s.setup().sessionResumption() != null;
        if (resume && old != null && attempt > 1 && attempt == continuity.maxReconnectAttempts()) {
            // every resume so far failed: the last attempt starts a new session from the stored history instead
            LOG.warn("Gemini Live conversation {}: {} attempts to resume failed; its server-side context is given up, the last "
                     + "attempt starts a new session re-seeded with {} turns from the conversation store", storeKey, attempt - 1,
                    mem.history().size());
            mem = update(ConversationState::withoutHandle);
            resume = false;
        }
        Setup setup = resume ? resumeSetup(s.setup(), mem.handle()) : freshSetup(s, !mem.history().isEmpty());
        next.resumed = resume;
        boolean resumed = resume;
        CompletableFuture<LiveSession> opening;
        try {
            // a reconnect asks for the endpoint again: a one-use or expired token of the first connection may not open it
            opening = client.connect(old == null ? s.endpoint() : s.nextEndpoint().get(), setup, next);
        } catch (RuntimeException | Error e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((live, error) -> control.execute(() -> {
            if (error != null) {
                connectFailed(next, old, why, attempt, closeFirst, resumed, Failures.unwrap(error));
            } else {
                install(next, live, old, why);
            }
        }));
    }

    /** The stored state, minus a handle too old to trust or older than the history. */
    private ConversationState usableMemory() {
        ConversationState mem = memory;
        if (mem.handle() != null && !mem.handleIsCurrent() && !mem.history().isEmpty()) {
            // the newest turns came after the handle (its update was lost with the connection): the history knows more
            LOG.debug("The resumption handle of conversation {} predates its last {} turns; re-seeding instead", storeKey,
                    mem.turns() - mem.handleTurns());
            return update(ConversationState::withoutHandle);
        }
        if (mem.handle() != null && mem.handleIssued() != null
            && mem.handleIssued().plus(continuity.handleTtl()).isBefore(Instant.now())) {
            LOG.debug("The resumption handle of conversation {} is older than {}; not using it", storeKey, continuity.handleTtl());
            mem = update(ConversationState::withoutHandle);
        }
        return mem;
    }

    private static Setup resumeSetup(Setup setup, String handle) {
        Boolean transparent = setup.sessionResumption() == null ? null : setup.sessionResumption().transparent();
        return setup.toBuilder().sessionResumption(new SessionResumptionConfig(handle, transparent)).build();
    }

    private static Setup freshSetup(SessionSpec s, boolean reseed) {
        if (reseed && s.seedNeedsHistoryConfig() && s.setup().historyConfig() == null) {
            return s.setup().toBuilder().historyConfig(new HistoryConfig(true)).build();
        }
        return s.setup();
    }

    private void connectFailed(Connection next, Connection old, String why, int attempt, boolean closeFirst, boolean resumed,
            Throwable error) {
        synchronized (wire) {
            if (state == State.ENDED) {
                return;
            }
        }
        CloseInfo close = error instanceof LiveClientException e ? e.close() : null;
        if (resumed && close != null && close.isFatal()) {
            // the handle was refused (invalid, expired, or its session is over): go on from the stored history
            LOG.warn("Gemini Live refused to resume conversation {} ({}); its server-side context is lost, starting a new "
                     + "session re-seeded with {} turns from the conversation store", storeKey, close, memory.history().size());
            update(ConversationState::withoutHandle);
            connect(old, why, attempt, closeFirst);
            return;
        }
        if (close != null && close.isFatal()) {
            end(error, "the server refused the session (" + close + ")");
            return;
        }
        if (old != null && !closeFirst && old.live.isOpen()) {
            // a resume while the old connection is open was refused: close first, then resume
            LOG.debug("Gemini Live refused a resume of {} while its old connection was open ({}); closing it first", storeKey,
                    error.getMessage());
            group.openFirstRefused();
            closeThen(old, "Handing over to a new connection", () -> connect(old, why, attempt, true));
            return;
        }
        group.connectFailed(error);
        // a first connection is tried once (a wrong URL or key should fail fast), unless the server said it is busy or
        // out of quota for now (1011, 1013): such a refusal passes, e.g. once a session just closed is counted as gone
        boolean busy = close != null && (close.code() == 1011 || close.code() == 1013);
        int allowed = old == null && !busy ? 1 : Math.max(1, continuity.maxReconnectAttempts());
        if (attempt >= allowed) {
            end(error, old == null ? null : "no new connection after " + attempt + " attempts (the next input tries again)");
            return;
        }
        Duration delay = continuity.backoff(attempt);
        LOG.info("Gemini Live conversation {}: connection attempt {} failed ({}); next attempt in {} ms", storeKey, attempt,
                error.getMessage(), delay.toMillis());
        try {
            scheduler.schedule(() -> control.execute(() -> connect(old, why, attempt + 1, closeFirst)), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            end(error, "stopping");
        }
    }

    /** Makes the new connection current: re-seeds, resends what the server had not consumed, then the held input. */
    private void install(Connection next, LiveSession live, Connection old, String why) {
        next.live = live;
        List<OutboundEntry> resend = new ArrayList<>();
        long overflow;
        boolean reseeded;
        Connection previous;
        synchronized (wire) {
            if (state == State.ENDED) {
                live.close(CloseInfo.NORMAL, "Conversation ended");
                return;
            }
            previous = current;
            next.tools = group.toolDispatcher(spec.tools(), conversationId, this::sendToolResponse);
            overflow = 0;
            if (previous != null) {
                previous.active = false;
                overflow = previous.replay.overflowBytes();
                for (OutboundEntry e : previous.replay.takeAll()) {
                    keepOrDrop(e, resend);
                }
            }
            List<OutboundEntry> waiting = new ArrayList<>(held);
            held.clear();
            List<OutboundEntry> heldKept = new ArrayList<>();
            for (OutboundEntry e : waiting) {
                keepOrDrop(e, heldKept);
            }
            resend.addAll(heldKept);
            settleOwedAnswers(resend, previous != null);
            current = next;
            next.active = true;
            reseeded = !next.resumed && !memory.history().isEmpty();
            if (reseeded) {
                writeSeed(next, memory.history());
            }
            for (OutboundEntry e : resend) {
                e.resent();
                write(next, e);
            }
            state = State.OPEN;
        }
        group.connected();
        boolean first = previous == null && old == null;
        if (first) {
            // a reconnect is not use: a conversation nobody talks to must still reach sessionIdleTimeout, even while a
            // server that drops idle connections keeps it reconnecting
            touch();
        }
        if (previous != null) {
            previous.tools.shutdown();
            if (previous.live.isOpen()) {
                previous.live.close(CloseInfo.NORMAL, "Handed over to a new connection");
            }
        }
        if (overflow > 0) {
            LOG.warn("Gemini Live conversation {}: {} bytes of input sent before the handover could not be kept for resending "
                     + "(maxReplayBytes); the model did not hear them", storeKey, overflow);
        }
        if (!next.resumed && (!first || reseeded)) {
            if (reseeded) {
                LOG.warn("Gemini Live conversation {}: no usable resumption handle{}; its server-side context is lost, "
                         + "re-seeded with {} turns from the conversation store", storeKey, why == null ? "" : " after " + why,
                        memory.history().size());
            } else {
                LOG.warn("Gemini Live conversation {}: no usable resumption handle{} and no history in the conversation store; "
                         + "the model starts without its earlier context", storeKey, why == null ? "" : " after " + why);
            }
        }
        if (!live.isOpen()) {
            handover(next, "the new connection closed at once", true); // its close was ignored before it was current
        }
        Map<String, Object> headers = Map.of(GeminiLiveConstants.RESUMED, next.resumed);
        if (first) {
            announce(() -> {
                group.publish(EventMapper.event(conversationId, EventTypes.CONNECTED, null, headers));
                group.publish(EventMapper.event(conversationId, EventTypes.SETUP_COMPLETE, live.setupComplete(), Map.of()));
            });
            ready.complete(this);
        } else {
            LOG.info("Gemini Live conversation {} continues on a new connection ({}, {})", storeKey, why,
                    next.resumed ? "resumed by handle" : "new session");
            announce(() -> group.publish(EventMapper.event(conversationId, EventTypes.RECONNECTED, why, headers)));
        }
        next.drainEarly(); // after the connected events, so consumers see them first
    }

    /** Decides whether an entry goes to the new connection. Called with the wire lock held. */
    private static void keepOrDrop(OutboundEntry e, List<OutboundEntry> kept) {
        if (e.owner != null && e.owner.abandoned) {
            e.drop(false);
        } else if (e.isToolResponse()) {
            // the calls belonged to the old connection; the resumed session asks again if it still needs them
            if (e.isWritten()) {
                e.drop(true);
            } else {
                e.fail(new LiveClientException("The tool response was not sent: the Gemini Live connection was replaced and "
                                               + "its function calls were cancelled", null));
            }
        } else {
            kept.add(e);
        }
    }

    /**
     * Answers owed on the old connection that the new one will not give (their input is neither resent nor still being
     * sent) are settled now: abandoned ones are forgotten, waiting exchanges fail with a retriable error.
     */
    private void settleOwedAnswers(List<OutboundEntry> resend, boolean replaced) {
        Set<ExpectedAnswer> coming = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (OutboundEntry e : resend) {
            if (e.owner != null) {
                coming.add(e.owner);
            }
        }
        List<ExpectedAnswer> lost = new ArrayList<>();
        synchronized (turns) {
            assembler = new TurnAssembler(conversationId);
            if (!replaced) {
                return;
            }
            for (Iterator<ExpectedAnswer> it = expected.iterator(); it.hasNext();) {
                ExpectedAnswer a = it.next();
                if (a.abandoned || a.inputDone && !coming.contains(a)) {
                    it.remove();
                    if (!a.abandoned) {
                        lost.add(a);
                    }
                }
            }
        }
        for (ExpectedAnswer a : lost) {
            if (a.waiter != null) {
                a.waiter.completeExceptionally(new LiveClientException("The Gemini Live connection of conversation "
                        + conversationId + " was replaced while the model was answering; the answer was lost, send the input again",
                        null));
            }
        }
    }

    private void writeSeed(Connection c, List<HistoryTurn> history) {
        List<Content> turnsToSeed = new ArrayList<>(history.size());
        for (HistoryTurn t : history) {
            turnsToSeed.add(HistoryTurn.MODEL.equals(t.role()) ? Content.model(t.text()) : Content.user(t.text()));
        }
        OutboundEntry seed = new OutboundEntry(ClientMessage.of(new ClientContent(turnsToSeed, false)), null, 0);
        c.index++;
        seed.index = c.index;
        sendOn(c, seed);
    }

    // ------------------------------------------------------------------------------------------------ sending

    /**
     * What an InOut exchange sent.
     *
     * @param written completes when the frames are written
     * @param turn    completes with the model's answer
     */
    public record Sent(CompletableFuture<Void> written, CompletableFuture<LiveTurn> turn) {
    }

    /**
     * Sends an exchange's messages in order as the iterator yields them (audio streams are read as they are sent).
     * Another exchange's messages never interleave with them.
     *
     * @param asksForTurn whether the input ends a user turn (its answer reaches consumers only)
     * @param userText    the user's text, for the conversation's history; null for other input
     * @param answerWindow how long after the input the model may begin its answer (the endpoint's turn timeout); an
     *                     answer beginning later, or never, leaves the input unanswered
     * @return completes when the server has every message; fails on the first failure
     */
    public CompletableFuture<Void> send(Iterator<ClientMessage> messages, boolean asksForTurn, String userText, Duration answerWindow) {
        input.lock();
        try {
            ExpectedAnswer owner = null;
            if (asksForTurn) {
                owner = new ExpectedAnswer(null, userText, System.nanoTime(), answerWindow.toNanos());
                synchronized (turns) {
                    expected.add(owner);
                }
            }
            return writeAll(messages, owner);
        } finally {
            input.unlock();
        }
    }

    /**
     * Sends input that asks for the model's answer. By default InOut turns of one conversation go one at a time: the
     * input is sent once the previous turn is complete, so each answer belongs to its own input. With {@code bargeIn}
     * it is sent at once and may interrupt the turn in progress (whose exchange then gets the interrupted turn). The
     * timeout counts from now.
     */
    public Sent sendExpectingTurn(Iterator<ClientMessage> messages, Duration timeout, String userText, boolean bargeIn) {
        QueuedTurn q = new QueuedTurn(messages, userText, timeout);
        watch(q);
        if (bargeIn) {
            start(q, false);
            return new Sent(q.written, q.turn);
        }
        boolean startNow;
        synchronized (turnQueue) {
            // a turn in flight that is complete, with only its hand-over still to run (its exchange may have been
            // settled first, and this input be the next from the same caller), does not hold this one back
            startNow = inFlight == null || turnQueue.isEmpty() && inFlight.turn.isDone();
            if (startNow) {
                inFlight = q;
            } else {
                turnQueue.add(q);
            }
        }
        if (startNow) {
            start(q, true);
        }
        return new Sent(q.written, q.turn);
    }

    /** Forgets an InOut turn whose input could not be sent. */
    public void cancelTurn(CompletableFuture<LiveTurn> future) {
        ExpectedAnswer gone = null;
        synchronized (turns) {
            for (Iterator<ExpectedAnswer> it = expected.iterator(); it.hasNext();) {
                ExpectedAnswer a = it.next();
                if (a.waiter == future) {
                    if (a.anyWritten) {
                        a.abandoned = true; // part of it went out: an answer may still come, and is not anyone else's
                    } else {
                        it.remove();
                    }
                    gone = a;
                    break;
                }
            }
        }
        future.cancel(false);
        if (gone != null && gone.abandoned) {
            ExpectedAnswer a = gone;
            control.execute(() -> abandonInput(a));
        }
    }

    private final class QueuedTurn {
        final Iterator<ClientMessage> messages;
        final String userText;
        final Duration timeout;
        final CompletableFuture<LiveTurn> turn = new CompletableFuture<>();
        final CompletableFuture<Void> written = new CompletableFuture<>();
        /** When the turn times out ({@link System#nanoTime()}). */
        final long deadline;
        volatile ExpectedAnswer answer;

        QueuedTurn(Iterator<ClientMessage> messages, String userText, Duration timeout) {
            this.messages = messages;
            this.userText = userText;
            this.timeout = timeout;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }
    }

    /** @param queued whether the turn went through the queue, and so lets the next one go when it completes */
    private void start(QueuedTurn q, boolean queued) {
        if (q.turn.isDone()) {
            q.written.completeExceptionally(new TimeoutException("Not sent: the exchange timed out waiting for its turn"));
            if (queued) {
                advance(q);
            }
            return;
        }
        if (queued) {
            q.turn.whenComplete((t, e) -> advance(q));
        }
        CompletableFuture<Void> w;
        input.lock();
        try {
            q.answer = expect(q.turn, q.userText);
            w = writeAll(q.messages, q.answer);
        } finally {
            input.unlock();
        }
        w.whenComplete((v, e) -> {
            if (e != null) {
                q.written.completeExceptionally(e);
            } else {
                q.written.complete(null);
            }
        });
    }

    /** A queued turn finished: if it still holds the slot, the next InOut input goes out, on a worker. */
    private void advance(QueuedTurn finished) {
        QueuedTurn next;
        synchronized (turnQueue) {
            if (inFlight != finished) {
                return; // an input that came after it was complete has taken the slot already
            }
            next = turnQueue.poll();
            inFlight = next;
            if (next == null) {
                return;
            }
        }
        try {
            pool.execute(() -> start(next, true));
        } catch (RuntimeException | Error e) {
            // refused, or no thread could be made: the next input fails now rather than waiting for its timeout
            next.turn.completeExceptionally(e);
            next.written.completeExceptionally(e);
            advance(next);
        }
    }

    /**
     * Bounds a turn by its timeout without a timer of its own: the session keeps one check scheduled for the earliest
     * deadline of its unanswered turns. A turn that completes leaves the watch list at once.
     *
     * @throws java.util.concurrent.RejectedExecutionException when the scheduler is stopped (the component is stopping)
     */
    private void watch(QueuedTurn q) {
        synchronized (deadlines) {
            deadlines.add(q);
        }
        try {
            deadlineCheck.armBy(q.deadline);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (deadlines) {
                deadlines.removeFirstOccurrence(q);
            }
            throw e;
        }
        q.turn.whenComplete((t, e) -> {
            synchronized (deadlines) {
                deadlines.removeFirstOccurrence(q);
            }
        });
    }

    /** The session's deadline check: times out every turn past its deadline; returns the next deadline. */
    private long checkDeadlines(long now) {
        List<QueuedTurn> expired = new ArrayList<>(1);
        long next = DeadlineCheck.NONE;
        synchronized (deadlines) {
            for (Iterator<QueuedTurn> it = deadlines.iterator(); it.hasNext();) {
                QueuedTurn q = it.next();
                if (q.turn.isDone()) {
                    it.remove();
                } else if (q.deadline - now <= 0) {
                    it.remove();
                    expired.add(q);
                } else if (next == DeadlineCheck.NONE || q.deadline - next < 0) {
                    next = q.deadline;
                }
            }
        }
        for (QueuedTurn q : expired) {
            try {
                timedOut(q);
            } catch (RuntimeException | Error e) {
                q.turn.completeExceptionally(e);
            }
        }
        return next;
    }

    /** The scheduler is shut down (the component is stopping): no check will come, so no turn may wait on one. */
    private void deadlinesUnchecked() {
        List<QueuedTurn> left;
        synchronized (deadlines) {
            left = new ArrayList<>(deadlines);
            deadlines.clear();
        }
        left.forEach(q -> q.turn.completeExceptionally(new IllegalStateException(
                "The Gemini Live component is stopping; no answer for conversation " + conversationId)));
    }

    private void timedOut(QueuedTurn q) {
        boolean wasActive = System.nanoTime() - lastServerActivity < q.timeout.toNanos() / 2;
        if (q.turn.completeExceptionally(new TimeoutException("No answer from Gemini Live within " + q.timeout
                + " (turnTimeout) for conversation " + conversationId))) {
            ExpectedAnswer a = q.answer;
            if (a != null) {
                a.abandoned = true;
                control.execute(() -> {
                    abandonInput(a);
                    if (!wasActive) {
                        recycle("no server activity within turnTimeout " + q.timeout);
                    }
                });
            }
        }
    }

    private void abandonInput(ExpectedAnswer a) {
        synchronized (wire) {
            if (current != null) {
                current.replay.abandon(a);
            }
        }
    }

    /**
     * Inputs nobody waits for whose answer would have begun by {@code turnStart} stop owing one: otherwise an input the
     * model never answers (silence) would take every later answer. Called with {@code turns} held.
     */
    private void dropUnanswered(long turnStart) {
        ExpectedAnswer head;
        while ((head = expected.peek()) != null && head.unansweredBy(turnStart)) {
            expected.poll();
            unansweredInputs.incrementAndGet();
            LOG.debug("Gemini Live conversation {}: an input sent without waiting got no answer within its turn timeout", storeKey);
        }
    }

    private ExpectedAnswer expect(CompletableFuture<LiveTurn> waiter, String userText) {
        ExpectedAnswer a = new ExpectedAnswer(waiter, userText, System.nanoTime());
        synchronized (turns) {
            expected.add(a);
        }
        return a;
    }

    /**
     * Hands an exchange's messages over one by one. A stream keeps at most {@link #STREAM_WINDOW} frames ahead of the
     * socket: the next chunk is read only once an earlier one is written, so a tool response or control message sent
     * meanwhile waits behind a few frames, never behind the rest of a long file. Waiting happens with no lock held but
     * the input lock, which tool responses and control messages do not take.
     */
    private CompletableFuture<Void> writeAll(Iterator<ClientMessage> messages, ExpectedAnswer owner) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try {
            while (messages.hasNext()) {
                if (writes.size() >= STREAM_WINDOW && awaitWritten(writes.get(writes.size() - STREAM_WINDOW))) {
                    break;
                }
                CompletableFuture<Void> w = submit(messages.next(), owner);
                writes.add(w);
                if (w.isCompletedExceptionally()) {
                    break;
                }
            }
        } catch (RuntimeException | Error e) {
            writes.add(CompletableFuture.failedFuture(e));
        } finally {
            if (owner != null) {
                owner.inputDoneAt = System.nanoTime();
                owner.inputDone = true;
            }
        }
        touch();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    /** @return whether the write failed (the stream stops) */
    private static boolean awaitWritten(CompletableFuture<Void> write) {
        try {
            write.join();
            return false;
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }

    private void sendToolResponse(ToolResponse response) {
        submit(ClientMessage.of(response), null);
    }

    /** Hands one message to the current connection, or holds it while the conversation is between connections. */
    private CompletableFuture<Void> submit(ClientMessage m, ExpectedAnswer owner) {
        OutboundEntry entry = new OutboundEntry(m, owner, sizeOf(m));
        synchronized (wire) {
            switch (state) {
                case OPEN -> write(current, entry);
                case ENDED -> entry.fail(new IllegalStateException("The Gemini Live session of conversation " + conversationId
                                                                   + " has ended; cannot send " + m.kind()));
                default -> held.add(entry);
            }
        }
        return entry.done;
    }

    /** Called with the wire lock held. */
    private void write(Connection c, OutboundEntry entry) {
        c.index++;
        entry.index = c.index;
        c.replay.add(entry);
        if (entry.owner != null) {
            entry.owner.anyWritten = true;
        }
        if (entry.isToolResponse() && c.tools != null && entry.message.toolResponse().functionResponses() != null) {
            c.tools.answeredByRoute(entry.message.toolResponse().functionResponses().stream().map(FunctionResponse::id).toList());
        }
        sendOn(c, entry);
    }

    private void sendOn(Connection c, OutboundEntry entry) {
        CompletableFuture<Void> w;
        try {
            w = c.live.send(entry.message);
        } catch (RuntimeException | Error e) {
            w = CompletableFuture.failedFuture(e);
        }
        messagesSent.incrementAndGet();
        group.stats().frameOut();
        w.whenComplete((v, error) -> {
            if (error == null) {
                entry.writeSucceeded();
            } else {
                entry.writeFailed(Failures.unwrap(error));
            }
        });
    }

    private static long sizeOf(ClientMessage m) {
        if (m.realtimeInput() != null) {
            var in = m.realtimeInput();
            if (in.audio() != null && in.audio().data() != null) {
                return in.audio().data().length;
            }
            if (in.video() != null && in.video().data() != null) {
                return in.video().data().length;
            }
            return in.text() == null ? 16 : in.text().length() * 2L;
        }
        return 256;
    }

    // ------------------------------------------------------------------------------------------------ receiving

    private void onMessage(Connection c, ServerMessage message) {
        long arrivedAt = System.nanoTime();
        lastServerActivity = arrivedAt;
        if (message.serverContent() != null || message.toolCall() != null || message.toolCallCancellation() != null) {
            touch();
        }
        group.stats().frameIn();
        LiveTurn turn;
        ExpectedAnswer owner = null;
        boolean stray = false;
        long startedAt;
        synchronized (turns) {
            if (!c.active) {
                return;
            }
            startedAt = assembler.startedAt() < 0 ? arrivedAt : assembler.startedAt();
            turn = assembler.accept(message, arrivedAt);
            if (message.sessionResumptionUpdate() != null && message.sessionResumptionUpdate().isResumable()) {
                turnsCoveredByHandle = turnsEnded;
            }
            if (turn != null) {
                turnsEnded++;
                lastTurnEndedAt = arrivedAt;
                dropUnanswered(startedAt);
                ExpectedAnswer head = expected.peek();
                // a turn that began before the oldest owed input went out is not its answer
                if (head != null && head.startedAt <= startedAt) {
                    owner = expected.poll();
                } else {
                    stray = true;
                }
            }
        }
        // Answers go to InOut waiters here, not on a lane: a consumer route busy on the event lane must not hold them
        // up. Waiters continue on worker threads.
        if (turn != null) {
            group.stats().usage(turn.usage());
        }
        if (owner != null) {
            group.stats().firstResponse(startedAt - owner.startedAt);
            if (owner.abandoned) {
                lateAnswers.incrementAndGet();
                LOG.debug("Gemini Live conversation {}: discarded an answer that came after its exchange gave up", storeKey);
            } else if (owner.waiter != null) {
                owner.waiter.complete(turn);
            }
        } else if (stray) {
            strayTurns.incrementAndGet();
        }
        ExpectedAnswer answered = owner;
        if (message.goAway() != null || !storeInline && (message.sessionResumptionUpdate() != null || turn != null)) {
            control.execute(() -> {
                if (message.sessionResumptionUpdate() != null) {
                    handleUpdate(c, message.sessionResumptionUpdate());
                }
                if (turn != null) {
                    answered(c, answered, turn);
                }
                if (message.goAway() != null) {
                    handover(c, "goAway (timeLeft " + message.goAway().timeLeft() + ")", false);
                }
            });
        } else if (message.sessionResumptionUpdate() != null || turn != null) {
            // the store answers at once: the turn-end bookkeeping needs no hop to the control lane
            try {
                if (message.sessionResumptionUpdate() != null) {
                    handleUpdate(c, message.sessionResumptionUpdate());
                }
                if (turn != null) {
                    answered(c, answered, turn);
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("Gemini Live conversation {}: turn-end bookkeeping failed", storeKey, e);
            }
        }
        // Tool calls start here: dispatching only hands each call to its endpoint's exchange (asynchronously), so a
        // call costs no hop through the event lane before its route runs.
        List<String> forRoute = null;
        ToolDispatcher dispatcher = c.tools;
        if (dispatcher != null && c.active && (message.toolCallCancellation() != null || message.toolCall() != null)) {
            try {
                if (message.toolCallCancellation() != null) {
                    dispatcher.cancel(message.toolCallCancellation().ids());
                }
                if (message.toolCall() != null) {
                    forRoute = dispatcher.dispatch(message.toolCall(), group.listens(EventTypes.TOOL_CALL));
                }
            } catch (RuntimeException | Error e) {
                LOG.warn("Gemini Live conversation {}: tool dispatch failed", storeKey, e);
            }
        }
        if (!group.hasListeners()) {
            return; // no consumer: no event to map
        }
        List<String> callsForRoute = forRoute;
        events.execute(() -> {
            List<LiveEvent> list = EventMapper.toEvents(conversationId, message);
            if (callsForRoute != null) {
                list = EventMapper.callsForRoute(list, callsForRoute);
            }
            for (LiveEvent event : list) {
                group.publish(event);
            }
            if (turn != null) {
                group.publishTurn(turn);
            }
        });
    }

    /** A new resumption handle: remembered, and what it covers is no longer kept for resending. On the control lane. */
    private void handleUpdate(Connection c, SessionResumptionUpdate update) {
        if (!update.isResumable()) {
            return;
        }
        synchronized (wire) {
            if (c != current || !c.active) {
                return;
            }
            if (update.lastConsumedClientMessageIndex() != null) {
                c.replay.consumedThrough(update.lastConsumedClientMessageIndex());
            } else {
                c.replay.consumedWritten();
            }
        }
        Instant issued = Instant.now();
        update(m -> m.withHandle(update.newHandle(), issued));
        group.parkIfWaiting();
    }

    /** A turn finished: its input is consumed, and both sides join the history. On the control lane. */
    private void answered(Connection c, ExpectedAnswer owner, LiveTurn turn) {
        if (owner != null) {
            synchronized (wire) {
                if (c == current) {
                    c.replay.answered(owner);
                }
            }
        }
        List<HistoryTurn> added = new ArrayList<>(2);
        String user = owner != null && owner.userText != null ? owner.userText : turn.inputTranscription();
        if (user != null && !user.isBlank()) {
            added.add(new HistoryTurn(HistoryTurn.USER, user));
        }
        String model = turn.text() != null && !turn.text().isEmpty() ? turn.text() : turn.outputTranscription();
        if (model != null && !model.isBlank()) {
            added.add(new HistoryTurn(HistoryTurn.MODEL, model));
        }
        if (!added.isEmpty() && continuity.historyMaxTurns() > 0) {
            update(m -> m.withTurns(added, continuity.historyMaxTurns()));
        }
        // nothing owed any more: a conversation waiting for a slot may take this one
        group.parkIfWaiting();
    }

    /**
     * Changes what the conversation remembers and saves it. One change at a time, in order, whichever thread makes it
     * (the control lane, or a socket thread for the turn-end work when the store does not block).
     *
     * @return the new state
     */
    private ConversationState update(java.util.function.UnaryOperator<ConversationState> change) {
        synchronized (memoryLock) {
            ConversationState state = change.apply(memory);
            memory = state;
            try {
                continuity.store().save(storeKey, state);
            } catch (RuntimeException | Error e) {
                LOG.warn("Cannot save conversation {} to the conversation store: {}", storeKey, e.getMessage());
            }
            return state;
        }
    }

    // ------------------------------------------------------------------------------------------------ moving and ending

    /**
     * Moves the conversation to a new connection; on the control lane. New input is held until it is open.
     *
     * @param closeFirst close the old connection before opening the new one (it is dead or stuck)
     */
    private void handover(Connection c, String why, boolean closeFirst) {
        synchronized (wire) {
            if (state != State.OPEN || c != current || closeRequested) {
                return;
            }
            state = State.SWAPPING;
            c.active = false;
        }
        reconnects.incrementAndGet();
        group.stats().reconnected();
        LOG.info("Gemini Live conversation {} moves to a new connection: {}", storeKey, why);
        boolean first = closeFirst || group.isOpenFirstRefused() || !c.live.isOpen();
        if (first) {
            closeThen(c, "Handing over to a new connection", () -> connect(c, why, 1, true));
        } else {
            connect(c, why, 1, false);
        }
    }

    /** Starts over on a new connection after a stall. */
    private void recycle(String why) {
        Connection c;
        synchronized (wire) {
            c = current;
        }
        if (c != null) {
            handover(c, why, true);
        }
    }

    /** Closes a connection and runs the next step on the control lane once it has closed (or after a short wait). */
    private void closeThen(Connection c, String reason, Runnable next) {
        if (c.live == null || !c.live.isOpen()) {
            next.run();
            return;
        }
        c.live.close(CloseInfo.NORMAL, reason).thenApply(x -> x)
                .completeOnTimeout(null, CLOSE_FIRST_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                .whenComplete((x, e) -> control.execute(next));
    }

    private void onClose(Connection c, CloseInfo close) {
        control.execute(() -> {
            boolean mine;
            synchronized (wire) {
                mine = c == current && c.active;
            }
            if (!mine) {
                return; // a replaced connection
            }
            if (closeRequested) {
                end(new LiveClientException("Gemini Live session of conversation " + conversationId + " closed: " + close, close,
                        null), null);
            } else if (reconnects(close)) {
                handover(c, "connection closed " + close, true);
            } else {
                if (close.code() == CloseInfo.POLICY_VIOLATION) {
                    // the session itself is over (e.g. its duration limit): its handle would only be refused
                    update(ConversationState::withoutHandle);
                }
                end(new LiveClientException("Gemini Live session of conversation " + conversationId + " closed: " + close, close,
                        null), close.isFatal() ? "the server closed it with " + close : null);
            }
        });
    }

    /** 1011, 1006 and 1001 are worth another connection; 1007 and 1008 would fail again; 1000 is a normal end. */
    private static boolean reconnects(CloseInfo close) {
        return close.code() == CloseInfo.INTERNAL_ERROR || close.code() == CloseInfo.ABNORMAL
               || close.code() == CloseInfo.GOING_AWAY;
    }

    /**
     * Ends the conversation's session: everything waiting fails with the error, the slot is freed once the connection
     * has closed. The conversation itself stays in the store and goes on with its next input.
     *
     * @param lostContext when not null, why the conversation's context could not be kept (logged at WARN)
     */
    private void end(Throwable error, String lostContext) {
        Connection c;
        List<OutboundEntry> lost = new ArrayList<>(held);
        synchronized (wire) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            c = current;
            held.clear();
            if (c != null) {
                c.active = false;
                lost.addAll(c.replay.takeAll());
            }
        }
        if (lostContext != null) {
            LOG.warn("Gemini Live conversation {} lost its connection: {}; {}", storeKey, lostContext,
                     error == null ? "" : error.getMessage());
        }
        Throwable failure = error != null ? error : new IllegalStateException("The Gemini Live session of conversation "
                                                                              + conversationId + " ended");
        lost.forEach(e -> e.fail(failure));
        List<ExpectedAnswer> owed;
        synchronized (turns) {
            owed = new ArrayList<>(expected);
            expected.clear();
        }
        owed.stream().filter(a -> a.waiter != null).forEach(a -> a.waiter.completeExceptionally(failure));
        List<QueuedTurn> queued;
        synchronized (turnQueue) {
            queued = new ArrayList<>(turnQueue);
            turnQueue.clear();
        }
        queued.forEach(q -> {
            q.turn.completeExceptionally(failure);
            q.written.completeExceptionally(failure);
        });
        if (c != null && c.tools != null) {
            c.tools.shutdown();
        }
        if (!ready.isDone()) {
            group.connectFailed(failure);
            ready.completeExceptionally(failure);
        }
        CompletableFuture<?> closing = CompletableFuture.completedFuture(null);
        if (c != null && c.live != null) {
            if (c.live.isOpen()) {
                c.live.close(CloseInfo.NORMAL, "Conversation ended");
            }
            closing = c.live.closed();
        }
        closing.whenComplete((x, e) -> releaseSlot());
        if (c != null && c.live != null) {
            CloseInfo info = c.live.closed().getNow(new CloseInfo(CloseInfo.NORMAL, "Conversation ended", false));
            announce(() -> group.publish(EventMapper.event(conversationId, EventTypes.DISCONNECTED, info.reason(),
                    Map.of(GeminiLiveConstants.CLOSE_CODE, info.code(), GeminiLiveConstants.CLOSE_REASON,
                            info.reason() == null ? "" : info.reason()))));
        }
    }

    private void releaseSlot() {
        if (slotReleased.compareAndSet(false, true)) {
            group.closed(this);
        }
    }

    /** Closes the conversation's connection cleanly (idle, route stopping, endSession); its memory stays in the store. */
    void close(String reason) {
        closeRequested = true;
        control.execute(() -> end(new IllegalStateException("The Gemini Live session of conversation " + conversationId
                                                            + " was closed: " + reason), null));
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    /** Publishes connection events on the event lane, in order with the frames' events; nothing when no consumer listens. */
    private void announce(Runnable publishing) {
        if (group.hasListeners()) {
            events.execute(publishing);
        }
    }

    @Override
    public String toString() {
        return "ConversationSession[" + storeKey + "]";
    }

    /** One connection of the conversation, and what was written on it. */
    private final class Connection implements LiveListener {
        final int generation;
        final ReplayBuffer replay = new ReplayBuffer(continuity.maxReplayBytes());
        volatile LiveSession live;
        volatile ToolDispatcher tools;
        volatile boolean active;
        volatile boolean resumed;
        /** Messages written after setup; guarded by the wire lock. */
        long index;
        /** Messages that arrived before the connection was installed. */
        private List<ServerMessage> early = new ArrayList<>();

        Connection(int generation) {
            this.generation = generation;
        }

        @Override
        public void onMessage(ServerMessage message) {
            synchronized (this) {
                if (early != null) {
                    early.add(message);
                    return;
                }
            }
            ConversationSession.this.onMessage(this, message);
        }

        void drainEarly() {
            while (true) {
                List<ServerMessage> batch;
                synchronized (this) {
                    if (early.isEmpty()) {
                        early = null;
                        return;
                    }
                    batch = early;
                    early = new ArrayList<>();
                }
                batch.forEach(m -> ConversationSession.this.onMessage(this, m));
            }
        }

        @Override
        public void onClose(CloseInfo close) {
            ConversationSession.this.onClose(this, close);
        }

        @Override
        public void onError(Throwable error) {
            if (active) {
                announce(() -> group.publish(EventMapper.event(conversationId, EventTypes.ERROR, error, Map.of())));
            }
        }

        @Override
        public String toString() {
            return storeKey + "#" + generation;
        }
    }
}
