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

import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.LiveTurn;
import dev.geminilive.client.CloseInfo;
import dev.geminilive.client.LiveClient;
import dev.geminilive.client.LiveClientException;
import dev.geminilive.client.LiveListener;
import dev.geminilive.client.LiveSession;
import dev.geminilive.protocol.ClientMessage;
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
    private final ConcurrentLinkedDeque<CompletableFuture<LiveTurn>> waiters = new ConcurrentLinkedDeque<>();
    private final CompletableFuture<ConversationSession> ready = new CompletableFuture<>();
    private volatile LiveSession live;
    private volatile long lastActivity = System.nanoTime();
    private volatile long messagesSent;

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
        return messagesSent;
    }

    /** @return whether the underlying connection is open */
    public boolean isOpen() {
        LiveSession s = live;
        return s != null && s.isOpen();
    }

    CompletableFuture<ConversationSession> ready() {
        return ready;
    }

    void open(LiveClient client, SessionSpec spec) {
        client.connect(spec.endpoint(), spec.setup(), this).whenComplete((session, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
                group.openFailed(this);
                ready.completeExceptionally(cause);
                return;
            }
            live = session;
            touch();
            lane.execute(() -> {
                group.publish(EventMapper.event(conversationId, EventTypes.CONNECTED, null, Map.of()));
                group.publish(EventMapper.event(conversationId, EventTypes.SETUP_COMPLETE, session.setupComplete(), Map.of()));
            });
            ready.complete(this);
        });
    }

    /**
     * Sends messages in order as the iterator yields them (audio streams are read as they are sent).
     *
     * @return completes when the last message is written; fails on the first failure
     */
    public CompletableFuture<Void> send(Iterator<ClientMessage> messages) {
        LiveSession s = live;
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        try {
            while (messages.hasNext()) {
                CompletableFuture<Void> w = s.send(messages.next());
                writes.add(w);
                messagesSent++;
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

    /**
     * Registers for the next finished turn. Register before sending the input that starts the turn.
     *
     * @return completes with the turn, or fails when the timeout passes or the session closes
     */
    public CompletableFuture<LiveTurn> expectTurn(Duration timeout) {
        CompletableFuture<LiveTurn> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        var timer = scheduler.schedule(() -> {
            if (waiters.remove(waiter)) {
                waiter.completeExceptionally(new TimeoutException("No turnComplete from Gemini Live within " + timeout
                        + " for conversation " + conversationId));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        waiter.whenComplete((t, e) -> timer.cancel(false));
        return waiter;
    }

    /** Forgets a waiter whose input could not be sent. */
    public void cancelTurn(CompletableFuture<LiveTurn> waiter) {
        if (waiters.remove(waiter)) {
            waiter.cancel(false);
        }
    }

    boolean isIdle(long now, long idleNanos) {
        return waiters.isEmpty() && now - lastActivity > idleNanos;
    }

    void close(String reason) {
        LiveSession s = live;
        if (s != null) {
            s.close(CloseInfo.NORMAL, reason);
        }
    }

    @Override
    public void onMessage(ServerMessage message) {
        touch();
        lane.execute(() -> {
            for (LiveEvent event : EventMapper.toEvents(conversationId, message)) {
                group.publish(event);
            }
            LiveTurn turn = assembler.accept(message);
            if (turn != null) {
                CompletableFuture<LiveTurn> waiter = waiters.poll();
                if (waiter != null) {
                    waiter.complete(turn);
                }
                group.publishTurn(turn);
            }
        });
    }

    @Override
    public void onClose(CloseInfo close) {
        lane.execute(() -> {
            group.closed(this);
            LiveClientException error = new LiveClientException("Gemini Live session of conversation " + conversationId
                    + " closed: " + close, close, null);
            CompletableFuture<LiveTurn> waiter;
            while ((waiter = waiters.poll()) != null) {
                waiter.completeExceptionally(error);
            }
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
