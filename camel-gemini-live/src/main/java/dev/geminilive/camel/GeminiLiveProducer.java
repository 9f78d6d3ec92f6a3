package dev.geminilive.camel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.geminilive.camel.options.InterruptedReply;
import dev.geminilive.camel.options.ReplyMode;
import dev.geminilive.camel.session.ConversationSession;
import dev.geminilive.camel.session.SessionGroup;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends an exchange's body to the conversation's Live session. Input that completes a user turn waits for the model's
 * turn and the exchange carries the answer per replyFormat, whatever its pattern (replyMode=none: completes when the
 * frames are written). No thread waits while the model answers, and the route always continues on a worker thread,
 * never on a socket or timer thread; with synchronous=true (Camel's {@code SynchronousDelegateProducer} around this
 * one) the caller waits and goes on with the route itself, and the exchange is completed where its answer arrives.
 */
public class GeminiLiveProducer extends DefaultAsyncProducer {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GeminiLiveProducer.class);

    private final GeminiLiveEndpoint endpoint;
    private EndpointSettings settings;
    private OutboundMapper mapper;
    private SessionGroup group;
    private ExecutorService workers;
    /** Where an exchange's outcome is written and its callback called: a worker, or at once when the caller waits. */
    private Executor settling;
    private Runnable unregisterHealth;
    private boolean partialWhenInterrupted;
    private boolean transcribes;
    private boolean answers;

    public GeminiLiveProducer(GeminiLiveEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        settings = endpoint.settings();
        mapper = new OutboundMapper(settings);
        partialWhenInterrupted = settings.interruptedReply() == InterruptedReply.PARTIAL;
        transcribes = settings.transcribes();
        answers = settings.replyMode() == ReplyMode.ANSWER;
        group = endpoint.attach();
        workers = endpoint.getComponent().workers();
        // a synchronous caller waits in Camel's delegate and goes on with the route itself: completing its exchange
        // only wakes it, which any thread may do
        settling = settings.synchronous() ? Runnable::run : workers;
        unregisterHealth = endpoint.registerHealthCheck("producer", endpoint.getComponent().isHealthCheckProducerEnabled());
    }

    @Override
    protected void doStop() throws Exception {
        if (unregisterHealth != null) {
            unregisterHealth.run();
            unregisterHealth = null;
        }
        if (group != null) {
            group = null;
            endpoint.detach();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        OutboundMapper.Outbound out = null;
        try {
            String conversationId = ConversationIds.of(exchange.getMessage(), settings.defaultConversationId());
            out = mapper.map(exchange, answers);
            if (out.endSession()) {
                group.closeConversation(conversationId);
                callback.done(true);
                return true;
            }
            Completion completion = new Completion(exchange, callback, out);
            // a tool response goes on with the model's turn: only an InOut exchange waits for where it leads
            boolean awaitTurn = answers && out.completesTurn() && (out.userTurn() || exchange.getPattern().isOutCapable());
            OutboundMapper.Outbound outbound = out;
            SessionGroup g = group;
            CompletableFuture<ConversationSession> acquired = g.acquire(conversationId, endpoint::sessionSpec);
            // open already: the callback below runs on the caller's thread, which may wait while a long input is sent
            boolean onCaller = acquired.isDone();
            acquired.whenComplete((session, error) -> {
                Runnable step = () -> {
                    if (error != null) {
                        completion.fail(error);
                    } else {
                        // the exchange holds the session until it completes: only then may it be parked for another
                        // conversation
                        completion.afterwards = () -> g.release(session);
                        send(completion, session, outbound, awaitTurn);
                    }
                };
                try {
                    if (error == null && outbound.resource() == null && (onCaller || outbound.oneFrame())
                        && session.acceptsDirectSend()) {
                        // nothing else is being sent: the input goes out here, no hop (on the caller's thread, or a
                        // single frame where the session's opening finished); its outcome is still settled by settle()
                        step.run();
                    } else {
                        onWorker(completion, step);
                    }
                } catch (RuntimeException | Error e) {
                    onWorker(completion, () -> completion.fail(e)); // the route must not go on on this thread
                }
            });
            return false;
        } catch (RuntimeException | Error e) {
            OutboundMapper.close(out);
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }

    private void send(Completion completion, ConversationSession session, OutboundMapper.Outbound out, boolean awaitTurn) {
        String userText = out.completesTurn() ? userText(completion.exchange) : null;
        if (!awaitTurn) {
            session.send(out.messages(), out.completesTurn(), userText, settings.turnTimeout()).whenCompleteAsync((v, error) -> {
                if (error != null) {
                    completion.fail(error);
                } else {
                    completion.succeed(() -> completion.exchange.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID,
                            session.conversationId()));
                }
            }, settling);
            return;
        }
        ConversationSession.Sent sent = session.sendExpectingTurn(out.messages(), settings.turnTimeout(), userText,
                settings.bargeIn());
        // One hop to a worker per exchange, taken by whichever settles it first: a turn timeout or a closed session
        // (even while a write is still stuck), input that could not be sent (a stream cut short, a refused frame), or
        // the answer once the input is written.
        AtomicBoolean settled = new AtomicBoolean();
        sent.turn().whenComplete((turn, error) -> {
            if (error != null) {
                settle(settled, completion, () -> {
                    session.cancelTurn(sent.turn());
                    completion.fail(error);
                });
            } else if (isWritten(sent.written())) {
                settle(settled, completion, () -> answered(completion, turn));
            }
        });
        sent.written().whenComplete((v, error) -> {
            if (error != null) {
                settle(settled, completion, () -> {
                    session.cancelTurn(sent.turn());
                    completion.fail(error);
                });
            } else if (sent.turn().isDone() && !sent.turn().isCompletedExceptionally()) {
                LiveTurn turn = sent.turn().join();
                settle(settled, completion, () -> answered(completion, turn));
            }
        });
    }

    private static boolean isWritten(CompletableFuture<Void> written) {
        return written.isDone() && !written.isCompletedExceptionally();
    }

    private void answered(Completion completion, LiveTurn turn) {
        if (turn.interrupted() && !partialWhenInterrupted) {
            completion.fail(new GeminiLiveInterruptedException(turn));
        } else {
            completion.succeed(() -> ReplyWriter.write(completion.exchange.getMessage(), turn, settings.replyFormat(), transcribes));
        }
    }

    /**
     * Runs the exchange's outcome once: on a worker, so the route never continues on a socket or timer thread; or at
     * once for a synchronous caller, which goes on with the route itself.
     */
    private void settle(AtomicBoolean settled, Completion completion, Runnable outcome) {
        if (settled.compareAndSet(false, true)) {
            run(settling, completion, outcome);
        }
    }

    /** Runs a step of the exchange on a worker; a step that throws fails the exchange. */
    private void onWorker(Completion completion, Runnable step) {
        run(workers, completion, step);
    }

    private static void run(Executor executor, Completion completion, Runnable step) {
        Runnable guarded = () -> completion.guard(step);
        try {
            executor.execute(guarded);
        } catch (RuntimeException | Error e) {
            guarded.run(); // the pool refused (stopping, or no thread could be made): complete here rather than never
        }
    }

    /** @return the typed text of a text turn, remembered in the conversation's history; null for other input */
    private static String userText(Exchange exchange) {
        String type = exchange.getMessage().getHeader(GeminiLiveConstants.MESSAGE_TYPE, String.class);
        Object body = exchange.getMessage().getBody();
        return (type == null || OutboundMapper.TEXT.equals(type)) && body instanceof CharSequence cs ? cs.toString() : null;
    }

    /** Completes an exchange exactly once, closing what its body opened. */
    private static final class Completion {
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final OutboundMapper.Outbound out;
        private final AtomicBoolean done = new AtomicBoolean();
        /** Runs once the exchange is complete, before the route goes on. */
        volatile Runnable afterwards;

        Completion(Exchange exchange, AsyncCallback callback, OutboundMapper.Outbound out) {
            this.exchange = exchange;
            this.callback = callback;
            this.out = out;
        }

        void succeed(Runnable reply) {
            if (done.compareAndSet(false, true)) {
                try {
                    reply.run();
                } catch (RuntimeException | Error e) {
                    exchange.setException(e);
                }
                finish();
            }
        }

        void fail(Throwable error) {
            if (done.compareAndSet(false, true)) {
                exchange.setException(Failures.unwrap(error));
                finish();
            }
        }

        void guard(Runnable step) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                fail(e);
            }
        }

        private void finish() {
            OutboundMapper.close(out);
            Runnable after = afterwards;
            if (after != null) {
                try {
                    after.run();
                } catch (RuntimeException | Error e) {
                    // the exchange's outcome stands and its callback must still run
                    LOG.warn("Could not release the Gemini Live session after exchange {}: {}", exchange.getExchangeId(), e.toString());
                }
            }
            callback.done(false);
        }
    }

}
