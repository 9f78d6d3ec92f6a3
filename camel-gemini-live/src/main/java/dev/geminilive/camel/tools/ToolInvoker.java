package dev.geminilive.camel.tools;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Sends tool exchanges to their endpoints on the calling thread, each in its own unit of work (so onCompletion,
 * exchange events and the route's error handling behave as for any exchange a Camel consumer creates).
 *
 * <p>A tool endpoint's producer is created and started once and reused by every call and conversation; a
 * non-singleton producer is created per call and stopped when its exchange is done. Unlike a ProducerTemplate this
 * adds no thread hand-off, future or timer per call: the caller decides the thread, the dispatcher the deadline.
 */
public final class ToolInvoker extends ServiceSupport {

    private final CamelContext context;
    private final Map<Endpoint, AsyncProducer> producers = new ConcurrentHashMap<>();

    public ToolInvoker(CamelContext context) {
        this.context = context;
    }

    /**
     * Sends the exchange to the endpoint; {@code callback} runs once when it is done (also when no producer could be
     * made, with the exchange's exception set).
     */
    public void invoke(Endpoint endpoint, Exchange exchange, AsyncCallback callback) {
        AsyncProducer producer;
        try {
            producer = producer(endpoint);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return;
        }
        if (producer.isSingleton()) {
            producer.process(exchange, callback);
            return;
        }
        producer.process(exchange, doneSync -> {
            ServiceHelper.stopAndShutdownService(producer);
            callback.done(doneSync);
        });
    }

    private AsyncProducer producer(Endpoint endpoint) throws Exception {
        AsyncProducer cached = producers.get(endpoint);
        if (cached != null) {
            return cached;
        }
        AsyncProducer made = PluginHelper.getInternalProcessorFactory(context).createUnitOfWorkProducer(endpoint.createAsyncProducer());
        ServiceHelper.startService(made);
        if (!made.isSingleton()) {
            return made;
        }
        AsyncProducer raced = producers.putIfAbsent(endpoint, made);
        if (raced != null) {
            ServiceHelper.stopAndShutdownService(made);
            return raced;
        }
        if (!isRunAllowed()) {
            // stopped while this producer was being made: it would outlive the component
            producers.remove(endpoint, made);
            ServiceHelper.stopAndShutdownService(made);
            throw new IllegalStateException("The gemini-live component is stopping; tool endpoint " + endpoint + " is not called");
        }
        return made;
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownServices(producers.values());
        producers.clear();
    }
}
