package dev.geminilive.camel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import dev.geminilive.camel.session.ConversationSession;
import dev.geminilive.camel.session.SessionGroup;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends an exchange's body to the conversation's Live session. InOnly completes when the frames are written; InOut
 * waits for the model's turn and replies per replyFormat. No thread waits while the model answers.
 */
public class GeminiLiveProducer extends DefaultAsyncProducer {

    private final GeminiLiveEndpoint endpoint;
    private final GeminiLiveConfiguration config;
    private OutboundMapper mapper;
    private SessionGroup group;
    private ExecutorService workers;

    public GeminiLiveProducer(GeminiLiveEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        mapper = new OutboundMapper(config);
        ReplyWriter.check(config.getReplyFormat());
        group = endpoint.attach();
        workers = endpoint.getComponent().workers();
    }

    @Override
    protected void doStop() throws Exception {
        if (group != null) {
            group = null;
            endpoint.detach();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message in = exchange.getMessage();
        String conversationId = in.getHeader(GeminiLiveConstants.CONVERSATION_ID, config.getConversationId(), String.class);
        OutboundMapper.Outbound out;
        try {
            out = mapper.map(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (out.endSession()) {
            group.closeConversation(conversationId);
            callback.done(true);
            return true;
        }
        boolean awaitTurn = exchange.getPattern().isOutCapable() && out.completesTurn();
        // Continue on a worker: the acquire may complete on a socket thread, and audio streams are read while sending.
        group.acquire(conversationId, endpoint::sessionSpec).whenCompleteAsync((session, error) -> {
            if (error != null) {
                fail(exchange, callback, error);
                return;
            }
            send(exchange, callback, session, out, awaitTurn);
        }, workers);
        return false;
    }

    private void send(Exchange exchange, AsyncCallback callback, ConversationSession session, OutboundMapper.Outbound out,
            boolean awaitTurn) {
        CompletableFuture<LiveTurn> turn = awaitTurn ? session.expectTurn(Duration.ofMillis(config.getTurnTimeout())) : null;
        CompletableFuture<Void> written;
        try {
            written = session.send(out.messages());
        } catch (RuntimeException e) {
            written = CompletableFuture.failedFuture(e);
        }
        written.whenComplete((v, error) -> {
            if (error != null) {
                if (turn != null) {
                    session.cancelTurn(turn);
                }
                fail(exchange, callback, error);
            } else if (turn == null) {
                exchange.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, session.conversationId());
                callback.done(false);
            } else {
                turn.whenComplete((t, turnError) -> {
                    if (turnError != null) {
                        fail(exchange, callback, turnError);
                    } else {
                        ReplyWriter.write(exchange.getMessage(), t, config.getReplyFormat());
                        callback.done(false);
                    }
                });
            }
        });
    }

    private static void fail(Exchange exchange, AsyncCallback callback, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        exchange.setException(cause);
        callback.done(false);
    }
}
