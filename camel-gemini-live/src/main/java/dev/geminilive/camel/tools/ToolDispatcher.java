package dev.geminilive.camel.tools;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.DeadlineCheck;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ToolCall;
import dev.geminilive.protocol.ToolResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the function calls of one conversation: each call with an endpoint becomes its own exchange (run
 * concurrently, bounded by the tool timeout, cancellable); calls without one are left to the consumer's route, or
 * answered with an error at once when no route listens. Every call gets exactly one response, unless the model cancels
 * it.
 */
public final class ToolDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ToolDispatcher.class);
    private static final String JSON = "application/json";

    /**
     * A call in flight: its exchange (null when the consumer's route answers it) and when it times out. Compared by
     * identity, so a late completion never removes a newer call of the same id.
     */
    private static final class Running {
        private final String name;
        private final Exchange exchange;
        private final long deadline;

        Running(String name, Exchange exchange, long deadline) {
            this.name = name;
            this.exchange = exchange;
            this.deadline = deadline;
        }

        String name() {
            return name;
        }

        Exchange exchange() {
            return exchange;
        }

        long deadline() {
            return deadline;
        }
    }

    private final CamelContext context;
    private final ToolInvoker invoker;
    private final Executor workers;
    private final ToolRouting routing;
    private final String conversationId;
    private final Consumer<ToolResponse> sender;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final long timeoutNanos;
    private final DeadlineCheck deadlineCheck;

    /**
     * @param invoker   sends each call's exchange to its endpoint
     * @param scheduler runs the dispatcher's one deadline check
     * @param workers   runs the tool routes, and the responses of timed-out calls, off the socket and timer threads
     * @param sender    writes a toolResponse to the session
     */
    public ToolDispatcher(CamelContext context, ToolInvoker invoker, ScheduledExecutorService scheduler, Executor workers,
            ToolRouting routing, String conversationId, Consumer<ToolResponse> sender) {
        this.context = context;
        this.invoker = invoker;
        this.workers = workers;
        this.routing = routing;
        this.conversationId = conversationId;
        this.sender = sender;
        this.timeoutNanos = routing.timeout().toNanos();
        // a refused re-arm means the component is stopping: its sessions close and cancel their calls
        this.deadlineCheck = new DeadlineCheck(scheduler, this::checkDeadlines, () -> { });
    }

    /**
     * Starts the calls of a toolCall message.
     *
     * @param routeListens whether a consumer receives toolCall events and so can answer calls without an endpoint
     * @return the ids of the calls the consumer's route must answer
     */
    public List<String> dispatch(ToolCall call, boolean routeListens) {
        if (call.functionCalls() == null) {
            return List.of();
        }
        List<String> forRoute = new ArrayList<>();
        for (FunctionCall fc : call.functionCalls()) {
            if (fc.id() == null) {
                LOG.warn("Gemini Live sent a call of {} without an id; it cannot be answered", fc.name());
                continue;
            }
            Endpoint endpoint = routing.endpoints().get(fc.name());
            if (endpoint != null) {
                invoke(fc, endpoint);
            } else if (routeListens) {
                forRoute.add(fc.id());
                awaitRoute(fc);
            } else {
                respond(fc.id(), fc.name(), Map.of("error", "No Camel endpoint answers function " + fc.name() + " (set toolEndpoint."
                                                            + fc.name() + ") and no consumer receives toolCall events"), null, null);
            }
        }
        return forRoute;
    }

    /** The model cancelled these calls: their exchanges are told and their results dropped. */
    public void cancel(List<String> ids) {
        if (ids == null) {
            return;
        }
        for (String id : ids) {
            Running r = running.remove(id);
            if (r != null) {
                if (r.exchange() != null) {
                    r.exchange().setProperty(GeminiLiveConstants.TOOL_CANCELLED, true);
                }
                LOG.debug("Tool call {} ({}) cancelled by Gemini Live", id, r.name());
            }
        }
    }

    /** The route sent responses for these calls itself. */
    public void answeredByRoute(List<String> ids) {
        for (String id : ids) {
            Running r = running.get(id);
            if (r != null && r.exchange() == null) {
                running.remove(id, r);
            }
        }
    }

    /** @return whether a call is still waiting for its answer */
    public boolean hasCallsInFlight() {
        return !running.isEmpty();
    }

    /** Stops everything in flight (the session closed). */
    public void shutdown() {
        cancel(new ArrayList<>(running.keySet()));
    }

    private void invoke(FunctionCall fc, Endpoint endpoint) {
        // a fresh exchange: nothing of the caller's headers, and arguments never become headers
        Exchange exchange = new DefaultExchange(context);
        Map<String, Object> args = fc.args() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(fc.args());
        if (routing.argumentsAsJson(fc.name())) {
            exchange.getMessage().setBody(LiveCodec.lenient().write(args));
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, JSON);
        } else {
            exchange.getMessage().setBody(args);
        }
        exchange.getMessage().setHeader(GeminiLiveConstants.FUNCTION_NAME, fc.name());
        exchange.getMessage().setHeader(GeminiLiveConstants.TOOL_CALL_ID, fc.id());
        exchange.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, conversationId);
        Running r = track(fc, exchange);
        // the route runs on a worker: a tool that blocks must not hold up the socket that delivers cancellations
        try {
            workers.execute(() -> run(fc, endpoint, r));
        } catch (RuntimeException | Error e) {
            run(fc, endpoint, r); // the pool refused (stopping, or no thread could be made): nothing else will run it
        }
    }

    private void run(FunctionCall fc, Endpoint endpoint, Running r) {
        try {
            invoker.invoke(endpoint, r.exchange(), doneSync -> completed(fc, r, null));
        } catch (RuntimeException | Error e) {
            completed(fc, r, e);
        }
    }

    private void awaitRoute(FunctionCall fc) {
        track(fc, null);
    }

    private Running track(FunctionCall fc, Exchange exchange) {
        Running r = new Running(fc.name(), exchange, System.nanoTime() + timeoutNanos);
        running.put(fc.id(), r);
        try {
            deadlineCheck.armBy(r.deadline());
        } catch (RejectedExecutionException e) {
            // the component is stopping: its sessions close and cancel their calls
        }
        return r;
    }

    /** Times out the calls past their deadline; returns the earliest deadline left. */
    private long checkDeadlines(long now) {
        long next = DeadlineCheck.NONE;
        for (Map.Entry<String, Running> e : running.entrySet()) {
            long deadline = e.getValue().deadline();
            if (deadline - now <= 0) {
                timeout(e.getKey(), e.getValue());
            } else if (next == DeadlineCheck.NONE || deadline - next < 0) {
                next = deadline;
            }
        }
        return next;
    }

    private void timeout(String id, Running r) {
        if (!running.remove(id, r)) {
            return;
        }
        if (r.exchange() != null) {
            r.exchange().setProperty(GeminiLiveConstants.TOOL_CANCELLED, true);
        }
        LOG.warn("Tool call {} ({}) did not answer within {}; the model gets a timeout error", id, r.name(), routing.timeout());
        Runnable answer = () -> respond(id, r.name(), Map.of("error", ToolErrors.timedOut(r.name(), routing.timeout())), null, null);
        try {
            workers.execute(answer);
        } catch (RuntimeException | Error e) {
            answer.run();
        }
    }

    private void completed(FunctionCall fc, Running r, Throwable error) {
        if (!running.remove(fc.id(), r)) {
            return; // cancelled or timed out: the result is dropped
        }
        Exchange ex = r.exchange();
        Throwable failure = error != null ? error : ex.getException();
        String routeError = ex.getMessage().getHeader(GeminiLiveConstants.TOOL_ERROR, String.class);
        if (routeError != null) {
            if (failure != null) {
                logFailure(fc, failure);
            }
            respond(fc.id(), fc.name(), Map.of("error", routeError), null, null);
            return;
        }
        if (failure != null) {
            logFailure(fc, failure);
            respond(fc.id(), fc.name(), Map.of("error", routing.errors().describe(fc.name(), failure)), null, null);
            return;
        }
        try {
            respond(fc.id(), fc.name(), Collections.singletonMap("output", output(ex)),
                    ex.getMessage().getHeader(GeminiLiveConstants.TOOL_SCHEDULING, String.class),
                    ex.getMessage().getHeader(GeminiLiveConstants.TOOL_WILL_CONTINUE, Boolean.class));
        } catch (RuntimeException | Error e) {
            // every call gets an answer: a result that cannot be sent becomes an error the model can read
            logFailure(fc, e);
            respond(fc.id(), fc.name(), Map.of("error", routing.errors().describe(fc.name(), e)), null, null);
        }
    }

    /**
     * The model gets a redacted text; the route keeps the exception (and Camel's error handler logs a route's failure as
     * configured). Here a warning names the call and the exception's class only, since messages may hold secrets; the
     * full exception is logged at DEBUG.
     */
    private static void logFailure(FunctionCall fc, Throwable failure) {
        LOG.warn("Tool call {} ({}) failed with {}; the model gets an error response", fc.id(), fc.name(),
                failure.getClass().getName());
        LOG.debug("Tool call {} ({}) failed", fc.id(), fc.name(), failure);
    }

    private void respond(String id, String name, Map<String, Object> response, String schedulingHeader, Boolean willContinue) {
        FunctionResponse.Scheduling scheduling = null;
        Boolean more = null;
        if (routing.isNonBlocking(name)) {
            scheduling = schedulingHeader != null ? ToolRouting.scheduling(schedulingHeader, GeminiLiveConstants.TOOL_SCHEDULING)
                    : routing.scheduling();
            more = willContinue;
        }
        try {
            sender.accept(ToolResponse.of(new FunctionResponse(id, name, response, null, scheduling, more)));
        } catch (RuntimeException | Error e) {
            LOG.warn("Cannot send the response of tool call {} ({}): {}", id, name, e.getMessage());
        }
    }

    /**
     * The tool's body as JSON-ready output: text stays text, maps and POJOs become JSON objects, and a reply typed
     * application/json is read as JSON.
     */
    private static Object output(Exchange ex) {
        Object body = ex.getMessage().getBody();
        String type = ex.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (body != null && !(body instanceof Map) && type != null && type.toLowerCase(Locale.ROOT).startsWith(JSON)) {
            String text = ex.getMessage().getBody(String.class);
            try {
                return LiveCodec.lenient().mapper().readValue(text, Object.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return text;
            }
        }
        if (body == null || body instanceof String || body instanceof Number || body instanceof Boolean || body instanceof Map) {
            return body;
        }
        if (body instanceof byte[] || body instanceof InputStream || body instanceof CharSequence
            || body.getClass().getName().startsWith("org.apache.camel")) {
            return ex.getMessage().getBody(String.class);
        }
        return LiveCodec.lenient().mapper().convertValue(body, Object.class);
    }
}
