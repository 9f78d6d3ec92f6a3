package dev.geminilive.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.ToolCallCancellation;

/**
 * Plays model turns one at a time: runs a turn's steps in order with their pauses, ends it, stops it on barge-in, and
 * runs the work that waited for the model to be idle. Each step is queued on the serial executor, so client input is
 * handled between two steps of a turn.
 */
final class TurnPlayer {

    private final ConnectionState s;
    private final ConnectionTimers timers;
    private final ToolBook tools;
    private final TurnBuilder builder;
    private final Resumption resumption;
    private final Deque<Runnable> deferred = new ArrayDeque<>();

    TurnPlayer(ConnectionState s, ConnectionTimers timers, ToolBook tools, TurnBuilder builder, Resumption resumption) {
        this.s = s;
        this.timers = timers;
        this.tools = tools;
        this.builder = builder;
        this.resumption = resumption;
    }

    /** Plays the turn, unless it has nothing to play and waits for nothing. */
    void start(ModelTurn t) {
        if (t.steps.isEmpty() && !t.awaitingTools) {
            return;
        }
        s.turn = t;
        pump(t);
    }

    /** Plays on a turn whose BLOCKING calls were all answered and whose rest is now composed. */
    void resume(ModelTurn t) {
        if (t.steps.isEmpty() && !t.awaitingTools) {
            finish(t);
        } else {
            pump(t);
        }
    }

    /** Runs the task once no turn is under way, after the current one ends. */
    void whenIdle(Runnable task) {
        deferred.add(task);
    }

    /** User activity interrupts the model unless the setup said NO_INTERRUPTION. */
    void bargeIn() {
        if (s.turn != null && s.opts.interrupts()) {
            interrupt(Set.of());
        }
    }

    /**
     * The turn stops, pending calls but {@code keepCalls} are cancelled, the client hears interrupted then
     * turnComplete.
     */
    void interrupt(Set<String> keepCalls) {
        ModelTurn t = s.turn;
        if (t == null) {
            return;
        }
        s.turn = null;
        builder.resetUsage();
        List<String> cancelled = tools.cancelAll(keepCalls);
        if (!cancelled.isEmpty()) {
            s.out.send(ServerMessage.of(new ToolCallCancellation(cancelled)));
        }
        s.out.send(ServerMessage.of(ServerContent.ofInterrupted()));
        s.out.send(ServerMessage.of(ServerContent.ofTurnComplete()));
        resumption.offerHandle();
    }

    /** The connection ended: nothing more is played. */
    void stop() {
        s.turn = null;
        deferred.clear();
    }

    private void pump(ModelTurn t) {
        if (s.turn != t || !s.active()) {
            return;
        }
        ModelTurn.Step step = t.steps.poll();
        long delay = step == null ? 0 : step.run();
        if (s.turn != t || !s.active()) {
            return;
        }
        if (t.steps.isEmpty()) {
            if (!t.awaitingTools) {
                finish(t);
            }
            return;
        }
        timers.later(delay, () -> pump(t));
    }

    private void finish(ModelTurn t) {
        s.turn = null;
        if (s.opts.resumption() && t.produced) {
            resumption.sendHandle();
        }
        while (s.turn == null && s.active() && !deferred.isEmpty()) {
            deferred.poll().run();
        }
    }
}
