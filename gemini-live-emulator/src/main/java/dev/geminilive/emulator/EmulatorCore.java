package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.geminilive.emulator.server.HandshakeRegistry;

/** The state one emulator shares between its connections: settings, threads, handles, limits, and the session list. */
final class EmulatorCore {

    final EmulatorSettings settings;
    final HandshakeRegistry handshakes = new HandshakeRegistry();
    final ResumptionStore resumption = new ResumptionStore();
    final ConversationRegistry conversations;
    final ConcurrencyGate gate;
    final Authenticator authenticator;
    final AuthTokens authTokens;
    final ScheduledExecutorService timers;
    final ExecutorService workers;
    private final AtomicLong sessionCounter = new AtomicLong();
    private final AtomicLong callCounter = new AtomicLong();
    private final List<EmulatorSession> sessions = new ArrayList<>();
    /** Set when the emulator stops: connections that open from now on are closed with 1001 at once. */
    volatile boolean stopping;

    EmulatorCore(EmulatorSettings settings) {
        this.settings = settings;
        this.conversations = new ConversationRegistry(settings.clock(), settings.recording());
        this.gate = new ConcurrencyGate(settings.maxSessionsPerKey());
        this.authTokens = new AuthTokens(settings.clock());
        this.authenticator = new Authenticator(settings.apiKeys(), settings.authTokens(), authTokens);
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, daemon("gemini-emulator-timer"));
        stpe.setRemoveOnCancelPolicy(true);
        this.timers = stpe;
        // cached: a stalled session parks its thread without starving the others
        this.workers = Executors.newCachedThreadPool(daemon("gemini-emulator-session"));
    }

    String nextSessionId() {
        return "s" + sessionCounter.incrementAndGet();
    }

    /** @return a call id in the Gemini API's form, unique within this emulator */
    String nextCallId() {
        return "function-call-" + callCounter.incrementAndGet();
    }

    synchronized void register(EmulatorSession session) {
        sessions.add(session);
        if (sessions.size() > settings.maxRecordedSessions()) {
            forgetClosedSessions(sessions.size() - settings.maxRecordedSessions());
        }
        notifyAll();
    }

    /** Forgets up to {@code count} closed sessions, oldest first, so a long-running emulator does not grow without end. */
    synchronized void forgetClosedSessions(int count) {
        int[] left = {count};
        sessions.removeIf(s -> left[0] > 0 && !s.isOpen() && left[0]-- > 0);
        Set<String> remembered = new HashSet<>();
        sessions.forEach(s -> remembered.add(s.conversationId()));
        conversations.forgetAudioExcept(remembered);
    }

    /** @return the remembered sessions (connections) of one conversation, oldest first */
    synchronized List<EmulatorSession> conversationSessions(String conversationId) {
        return sessions.stream().filter(s -> s.conversationId().equals(conversationId)).toList();
    }

    synchronized List<EmulatorSession> sessions() {
        return List.copyOf(sessions);
    }

    /** Waits until at least {@code count} sessions have opened. */
    synchronized List<EmulatorSession> awaitSessions(int count, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (sessions.size() < count) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return List.copyOf(sessions);
    }

    /**
     * Sends every open connection a close frame now, then waits up to {@code waitMs} for their TCP connections to end
     * so that the frames are out before the listener stops.
     */
    void closeOpenConnections(int code, String reason, long waitMs) {
        stopping = true;
        List<LiveConnection> open = new ArrayList<>();
        for (EmulatorSession s : sessions()) {
            if (s.isOpen() && s.faults() instanceof LiveConnection c) {
                open.add(c);
                c.shutdown(code, reason);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (LiveConnection c : open) {
            while (c.transportOpen() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void shutdown() {
        timers.shutdownNow();
        workers.shutdown();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
