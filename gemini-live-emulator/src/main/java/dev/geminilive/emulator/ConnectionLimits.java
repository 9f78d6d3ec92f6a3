package dev.geminilive.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * The time limits of one connection: its lifetime (with the goAway ahead of its end), the session duration limit
 * (shorter once the session saw video), and the idle timeout.
 */
final class ConnectionLimits {

    private final ConnectionState s;
    private final ConnectionTimers timers;
    private final Resumption resumption;
    private final ConnectionEnd end;
    private ScheduledFuture<?> sessionLimit;
    private ScheduledFuture<?> idleCheck;

    ConnectionLimits(ConnectionState s, ConnectionTimers timers, Resumption resumption, ConnectionEnd end) {
        this.s = s;
        this.timers = timers;
        this.resumption = resumption;
        this.end = end;
    }

    /** The WebSocket opened: the lifetime and the idle timeout count from now. */
    void start() {
        scheduleLifetime();
        scheduleIdleCheck(s.settings.idleTimeout().toMillis());
    }

    /** Audio-only 15 min, with video 2 min, none with context window compression; counted from the session's start. */
    void scheduleSessionLimit(ConversationRegistry.State conversation) {
        if (s.opts.compression()) {
            return;
        }
        Duration limit;
        synchronized (conversation) {
            limit = conversation.sawVideo ? s.settings.videoSessionLimit() : s.settings.audioSessionLimit();
        }
        if (limit == null || limit.isZero() || limit.isNegative()) {
            return;
        }
        Duration left = limit.minus(Duration.between(conversation.startedAt, Instant.now(s.settings.clock())));
        if (sessionLimit != null) {
            sessionLimit.cancel(false);
        }
        sessionLimit = timers.schedule(() -> end.close(CloseReasons.POLICY_VIOLATION, CloseReasons.ABORTED), Math.max(0, left.toMillis()));
        timers.track(sessionLimit);
    }

    /** A video frame arrived: the first one of the session switches it to the video duration limit. */
    void sawVideo() {
        ConversationRegistry.State conversation = s.core.conversations.state(s.conversationId);
        boolean first;
        synchronized (conversation) {
            first = !conversation.sawVideo;
            conversation.sawVideo = true;
        }
        if (first) {
            scheduleSessionLimit(conversation);
        }
    }

    void stop() {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
    }

    private void scheduleLifetime() {
        Duration life = s.settings.connectionLifetime();
        Duration lead = s.settings.goAwayLead();
        if (!lead.isNegative() && !lead.isZero() && lead.compareTo(life) < 0) {
            timers.track(timers.schedule(() -> {
                if (s.active()) {
                    resumption.goAway(lead);
                }
            }, life.minus(lead).toMillis()));
        }
        timers.track(timers.schedule(() -> end.close(CloseReasons.INTERNAL_ERROR, CloseReasons.DEADLINE_EXPIRED), life.toMillis()));
    }

    /** With idleTimeout: close 1011 once no client message arrived for that long, unless the model is still talking. */
    private void scheduleIdleCheck(long delayMs) {
        if (s.settings.idleTimeout().isZero() || s.closed()) {
            return;
        }
        idleCheck = timers.schedule(this::checkIdle, Math.max(1, delayMs));
    }

    private void checkIdle() {
        if (s.closed()) {
            return;
        }
        long timeoutMs = s.settings.idleTimeout().toMillis();
        long idleMs = (System.nanoTime() - s.lastClientFrameNanos) / 1_000_000;
        if (idleMs < timeoutMs) {
            scheduleIdleCheck(timeoutMs - idleMs);
        } else if (s.turn != null && !s.turn.awaitingTools) {
            scheduleIdleCheck(Math.min(timeoutMs, 200)); // a model turn is streaming: the connection is not idle
        } else {
            end.close(CloseReasons.INTERNAL_ERROR, CloseReasons.idleTimeout(s.settings.idleTimeout()));
        }
    }
}
