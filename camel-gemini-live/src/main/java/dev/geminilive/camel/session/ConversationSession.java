package dev.geminilive.camel.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.geminilive.camel.Failures;
import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.LiveTurn;
import dev.geminilive.camel.tools.ToolDispatcher;
import dev.geminilive.client.CloseInfo;
import dev.geminilive.client.LiveClient;
import dev.geminilive.client.LiveClientException;
import dev.geminilive.client.LiveListener;
import dev.geminilive.client.LiveSession;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.ServerMessage;

/**
 * The Live session of one conversation: opens lazily, sends in order, hands server messages to the group's sinks on its
 * own lane (in order, off the socket thread), and completes InOut turn waiters in FIFO order.
 */
public final class ConversationSession implements LiveListener {

    private final String conversationId;
    private final SessionGroup group;
    private final SerialLane lane;
    private final ScheduledExecutorService scheduler;
    private final TurnAssembler assembler;
    /**
     * An InOut exchange waiting for the model's answer to its input, sent after {@code registeredAt} as the
     * {@code input}-th input that asks for a turn.
     */
    private record Waiter(CompletableFuture<LiveTurn> future, long registeredAt, long input) {
    }

    private final ConcurrentLinkedDeque<Waiter> waiters = new ConcurrentLinkedDeque<>();
    private final Object sendLock = new Object();
    /** Inputs sent that ask for a turn (text, a whole utterance, a tool response...). */
    private volatile long inputs;
    private volatile boolean closeRequested;
    private final CompletableFuture<ConversationSession> ready = new CompletableFuture<>();
    private volatile LiveSession live;
    private volatile long lastActivity = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicLong messagesSent = new java.util.concurrent.atomic.AtomicLong();
    private volatile ToolDispatcher tools;

    ConversationSession(String conversationId, SessionGroup group, Executor pool, ScheduledExecutorService scheduler) {
        this.conversationId = conversationId;
        this.group = group;
        this.lane = new SerialLane(pool);
        this.scheduler = scheduler;
        this.assembler = new TurnAssembler(conversationId);
    }

    /** @return the conversation id */
    public String conversationId() {
        return conversationId;
    }

    /** @return client messages sent after setup */
    public long messagesSent() {
        return messagesSent.get();
    }

    /** @return whether the underlying connection is open */
    public boolean isOpen() {
        LiveSession s = live;
        return s != null && s.isOpen();
    }

    /** @return completes when the connection has closed (at once when it never opened) */
    CompletableFuture<?> closed() {
        LiveSession s = live;
        return s == null ? CompletableFuture.completedFuture(null) : s.closed();
    }

    /** @return whether the session opened and has since closed (or is closing) */
    boolean isEnded() {
        return ready.isDone() && !ready.isCompletedExceptionally() && !isOpen();
    }

    CompletableFuture<ConversationSession> ready() {
        return ready;
    }

    void open(LiveClient client, SessionSpec spec) {
        client.connect(spec.endpoint(), spec.setup(), this).whenComplete((session, error) -> {
            if (error != null) {
                group.openFailed(this);
                ready.completeExceptionally(Failures.unwrap(error));
                return;
            }
            live = session;
            if (closeRequested) {
                // ended while it was connecting: never hand it out
                session.close(CloseInfo.NORMAL, "Conversation ended");
                group.closed(this);
                ready.completeExceptionally(new IllegalStateException("The Gemini Live session of conversation " + conversationId
                        + " was closed while it was opening"));
                return;
            }
            tools = group.toolDispatcher(spec.tools(), conversationId,
                    response -> send(List.of(ClientMessage.of(response)).iterator(), false));
            touch();
            lane.execute(() -> {
                group.publish(EventMapper.event(conversationId, EventTypes.CONNECTED, null, Map.of()));
                group.publish(EventMapper.event(conversationId, EventTypes.SETUP_COMPLETE, session.setupComplete(), Map.of()));
            });
            ready.complete(this);
        });
    }

    /**
     * What an InOut exchange sent.
     *
     * @param written completes when the frames are written
     * @param turn    completes with the model's answer
     */
    public record Sent(CompletableFuture<Void> written, CompletableFuture<LiveTurn> turn) {
    }

    /**
     * Sends messages in order as the iterator yields them (audio streams are read as they are sent). One exchange's
     * messages are never interleaved with another's.
     *
     * @return completes when the last message is written; fails on the first failure
     */
    public CompletableFuture<Void> send(Iterator<ClientMessage> messages, boolean asksForTurn) {
        synchronized (sendLock) {
            if (asksForTurn) {
                inputs++;
            }
            return write(messages);
        }
    }

    /**
     * Registers for the answer and sends the input that asks for it, as one step: concurrent exchanges on one
     * conversation get their answers in the order their input reached the wire.
     */
    public Sent sendExpectingTurn(Iterator<ClientMessage> messages, Duration timeout) {
        synchronized (sendLock) {
            inputs++;
            CompletableFuture<LiveTurn> turn = expectTurn(timeout, inputs);
            return new Sent(write(messages), turn);
        }
    }

    private CompletableFuture<Void> write(Iterator<ClientMessage> messages) {
        LiveSession s = live;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try {
            while (messages.hasNext()) {
                ClientMessage m = messages.next();
                if (m.toolResponse() != null && tools != null && m.toolResponse().functionResponses() != null) {
                    tools.answeredByRoute(m.toolResponse().functionResponses().stream().map(FunctionResponse::id).toList());
                }
                CompletableFuture<Void> w = s.send(m);
                writes.add(w);
                messagesSent.incrementAndGet();
                if (w.isCompletedExceptionally()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            writes.add(CompletableFuture.failedFuture(e));
        }
        touch();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<LiveTurn> expectTurn(Duration timeout, long input) {
        CompletableFuture<LiveTurn> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(future, System.nanoTime(), input);
        waiters.add(waiter);
        var timer = scheduler.schedule(() -> {
            if (waiters.remove(waiter)) {
                future.completeExceptionally(new TimeoutException("No turnComplete from Gemini Live within " + timeout
                        + " for conversation " + conversationId));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((t, e) -> timer.cancel(false));
        return future;
    }

    /** Forgets a waiter whose input could not be sent. */
    public void cancelTurn(CompletableFuture<LiveTurn> future) {
        waiters.removeIf(w -> w.future() == future);
        future.cancel(false);
    }

    /**
     * Gives the turn to the oldest waiter whose input was sent before the turn began. A turn that was already under
     * way is not the answer to later input; nor is an interrupted turn the answer to the newest input, which is what
     * cut it off.
     */
    private void completeWaiter(LiveTurn turn, long startedAt) {
        long newest = inputs;
        for (Waiter w : waiters) {
            boolean eligible = turn.interrupted() ? w.input() < newest : w.registeredAt() <= startedAt;
            if (eligible) {
                if (waiters.remove(w)) {
                    w.future().complete(turn);
                }
                return;
            }
        }
    }

    boolean isIdle(long now, long idleNanos) {
        return waiters.isEmpty() && now - lastActivity > idleNanos;
    }

    void close(String reason) {
        closeRequested = true;
        LiveSession s = live;
        if (s != null) {
            s.close(CloseInfo.NORMAL, reason);
        }
    }

    @Override
    public void onMessage(ServerMessage message) {
        long arrivedAt = System.nanoTime();
        touch();
        // Answers go to InOut waiters here, not on the lane: a consumer route busy on the lane (even one waiting for an
        // answer in this very conversation) must not hold them up. Waiters continue on worker threads.
        long startedAt = assembler.startedAt() < 0 ? arrivedAt : assembler.startedAt();
        LiveTurn turn = assembler.accept(message, arrivedAt);
        if (turn != null) {
            completeWaiter(turn, startedAt);
        }
        lane.execute(() -> {
            List<LiveEvent> events = EventMapper.toEvents(conversationId, message);
            ToolDispatcher dispatcher = tools;
            if (dispatcher != null && message.toolCallCancellation() != null) {
                dispatcher.cancel(message.toolCallCancellation().ids());
            }
            if (dispatcher != null && message.toolCall() != null) {
                List<String> forRoute = dispatcher.dispatch(message.toolCall(), group.listens(EventTypes.TOOL_CALL));
                events = EventMapper.withHeader(events, EventTypes.TOOL_CALL, GeminiLiveConstants.CALLS_TO_ANSWER, forRoute);
            }
            for (LiveEvent event : events) {
                group.publish(event);
            }
            if (turn != null) {
                group.publishTurn(turn);
            }
        });
    }

    @Override
    public void onClose(CloseInfo close) {
        LiveClientException error = new LiveClientException("Gemini Live session of conversation " + conversationId
                + " closed: " + close, close, null);
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.future().completeExceptionally(error);
        }
        lane.execute(() -> {
            ToolDispatcher dispatcher = tools;
            if (dispatcher != null) {
                dispatcher.shutdown();
            }
            group.closed(this);
            group.publish(EventMapper.event(conversationId, EventTypes.DISCONNECTED, close.reason(),
                    Map.of(GeminiLiveConstants.CLOSE_CODE, close.code(), GeminiLiveConstants.CLOSE_REASON,
                            close.reason() == null ? "" : close.reason())));
        });
    }

    @Override
    public void onError(Throwable error) {
        lane.execute(() -> group.publish(EventMapper.event(conversationId, EventTypes.ERROR, error, Map.of())));
    }

    private void touch() {
        lastActivity = System.nanoTime();
    }

    @Override
    public String toString() {
        return "ConversationSession[" + group.name() + "/" + conversationId + "]";
    }
}
