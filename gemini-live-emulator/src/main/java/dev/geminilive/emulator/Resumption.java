package dev.geminilive.emulator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.geminilive.protocol.GoAway;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionUpdate;

/**
 * Session resumption on one connection: the sessionResumptionUpdate messages with their handles, the busy
 * (resumable:false) state while the model works, goAway, the periodic fresh handle, and taking a session over by its
 * handle, also while another connection still holds it.
 */
final class Resumption {

    private static final Logger LOG = LoggerFactory.getLogger(Resumption.class);

    private final ConnectionState s;
    private final ConnectionTimers timers;
    private ScheduledFuture<?> periodicUpdate;
    private long periodicGeneration;
    /** The latest sessionResumptionUpdate said resumable:false: the model is generating or waiting for functions. */
    private boolean busy;

    Resumption(ConnectionState s, ConnectionTimers timers) {
        this.s = s;
        this.timers = timers;
    }

    /**
     * The entry a setup's handle names. Older connections of that session still open are refused the resume, or are
     * closed before this one completes its setup, so one session never has two live connections.
     */
    ResumptionStore.Entry takeOver(String handle) {
        ResumptionStore.Entry entry = s.core.resumption.find(handle)
                .filter(e -> s.core.conversations.alive(e.conversationId(), s.settings.handleTtl()))
                .orElseThrow(() -> ConnectionState.invalidArgument("The session resumption handle is invalid or has expired."));
        List<LiveConnection> others = s.core.conversations.openConnections(entry.conversationId());
        if (!others.isEmpty()) {
            if (s.settings.rejectResumeWhileConnected()) {
                throw new ProtocolException(CloseReasons.INTERNAL_ERROR, CloseReasons.SESSION_IN_USE, null);
            }
            supersede(others);
        }
        return entry;
    }

    /** With sessionResumption: a fresh resumable handle. */
    void offerHandle() {
        if (s.opts.resumption()) {
            sendHandle();
        }
    }

    /** A fresh resumable handle, with the last consumed index when transparent. */
    void sendHandle() {
        String handle = s.core.resumption.issue(s.conversationId, s.memory);
        s.out.send(ServerMessage.of(new SessionResumptionUpdate(handle, true, lastConsumed())));
        busy = false;
        schedulePeriodicUpdate();
    }

    /** While the model works, the session is not resumable: the real server sends resumable:false with no handle. */
    void sendBusy() {
        busy = true;
        s.out.send(ServerMessage.of(new SessionResumptionUpdate("", false, lastConsumed())));
    }

    /**
     * goAway, preceded by a fresh resumable handle when the session is resumable and the model is not generating, so
     * the client hands over with the newest state.
     */
    void goAway(Duration timeLeft) {
        if (s.active() && s.opts.resumption() && !busy) {
            sendHandle();
        }
        s.out.send(ServerMessage.of(new GoAway(timeLeft)));
    }

    void stop() {
        if (periodicUpdate != null) {
            periodicUpdate.cancel(false);
        }
    }

    private Long lastConsumed() {
        return s.opts.transparent() ? s.clientIndex : null;
    }

    /** With resumptionUpdateInterval: a fresh handle once that long passed without one and no turn is under way. */
    private void schedulePeriodicUpdate() {
        Duration every = s.settings.resumptionUpdateInterval();
        if (every.isZero() || !s.active()) {
            return;
        }
        stop();
        long generation = ++periodicGeneration;
        periodicUpdate = timers.schedule(() -> {
            if (generation == periodicGeneration && s.active() && s.turn == null && !busy) {
                sendHandle();
            }
        }, every.toMillis());
    }

    /** Closes the older connections with 1000 and waits briefly for each to close. */
    private static void supersede(List<LiveConnection> others) {
        for (LiveConnection o : others) {
            o.close(CloseReasons.NORMAL, CloseReasons.SESSION_RESUMED_ELSEWHERE);
        }
        for (LiveConnection o : others) {
            try {
                o.view().onClose().get(2, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                LOG.warn("Emulator session {} did not close within 2 s after its session was resumed elsewhere", o.view().id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
