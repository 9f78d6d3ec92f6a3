package dev.geminilive.camel;

import java.util.Set;

import dev.geminilive.camel.options.Aggregate;
import dev.geminilive.camel.session.EventSink;
import dev.geminilive.camel.session.EventTypes;
import dev.geminilive.camel.session.LiveEvent;
import dev.geminilive.camel.session.SessionGroup;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Turns the events of the endpoint name's sessions into exchanges: one per event (aggregate=chunk) or one per finished
 * turn (aggregate=turn). Runs on the session's event lane: in order per conversation, never on the socket thread.
 */
public class GeminiLiveConsumer extends DefaultConsumer implements EventSink {

    private final GeminiLiveEndpoint endpoint;
    private Set<String> events;
    private boolean perTurn;
    private SessionGroup group;
    private Runnable unregisterHealth;

    public GeminiLiveConsumer(GeminiLiveEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EndpointSettings settings = endpoint.settings();
        events = settings.events();
        perTurn = settings.aggregate() == Aggregate.TURN;
        group = endpoint.attach();
        unregisterHealth = endpoint.registerHealthCheck("consumer", endpoint.getComponent().isHealthCheckConsumerEnabled());
        group.addSink(this);
    }

    @Override
    protected void doStop() throws Exception {
        if (unregisterHealth != null) {
            unregisterHealth.run();
            unregisterHealth = null;
        }
        if (group != null) {
            group.removeSink(this);
            group = null;
            endpoint.detach();
        }
        super.doStop();
    }

    @Override
    public void onEvent(LiveEvent event) {
        if (!accepts(event.type())) {
            return;
        }
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(GeminiLiveConstants.EVENT_TYPE, event.type());
        m.setHeader(GeminiLiveConstants.CONVERSATION_ID, event.conversationId());
        event.headers().forEach(m::setHeader);
        m.setBody(event.body());
        process(exchange);
    }

    @Override
    public void onTurn(LiveTurn turn) {
        if (!perTurn || (events != null && !events.contains(EventTypes.TURN))) {
            return;
        }
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setHeader(GeminiLiveConstants.EVENT_TYPE, EventTypes.TURN);
        ReplyWriter.headers(m, turn);
        m.setBody(turn);
        process(exchange);
    }

    @Override
    public boolean accepts(String type) {
        if (perTurn && !isConnectionEvent(type)) {
            return false;
        }
        return events == null || events.contains(type);
    }

    private static boolean isConnectionEvent(String type) {
        return EventTypes.CONNECTED.equals(type) || EventTypes.RECONNECTED.equals(type) || EventTypes.DISCONNECTED.equals(type)
               || EventTypes.ERROR.equals(type);
    }

    private void process(Exchange exchange) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing Gemini Live event", exchange, exchange.getException());
            }
            releaseExchange(exchange, false);
        }
    }
}
