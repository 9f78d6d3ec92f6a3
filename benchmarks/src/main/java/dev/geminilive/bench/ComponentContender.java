package dev.geminilive.bench;

import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.protocol.FunctionDeclaration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The component as a route uses it: a CamelContext with {@code direct:} routes to {@code gemini-live:} endpoints,
 * InOut text turns through a ProducerTemplate, one conversation per session (the conversation id header), tool calls
 * answered by a {@code direct:} route, audio as InOnly exchanges. With {@code synchronous} the endpoints have
 * {@code synchronous=true}: the template's caller, which waits anyway, is woken where the answer arrives.
 */
final class ComponentContender implements Contender {

    private final CamelContext context;
    private final ProducerTemplate template;
    private final boolean synchronous;

    /** @param synchronous whether the endpoints have synchronous=true (the caller, which waits anyway, completes its turn) */
    ComponentContender(String emulatorUrl, boolean synchronous) throws Exception {
        this.synchronous = synchronous;
        context = new DefaultCamelContext();
        context.getRegistry().bind("benchFunctions",
                List.of(new FunctionDeclaration(Protocol.FUNCTION, "Current weather in a city", null, null, null, null)));
        String common = "?baseUrl=" + emulatorUrl + "&apiKey=" + Protocol.API_KEY + "&model=" + Protocol.MODEL
                + "&responseModalities=TEXT&maxConcurrentSessions=100000&sessionIdleTimeout=0" + (synchronous ? "&synchronous=true" : "");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("gemini-live:bench" + common);
                from("direct:tool").to("gemini-live:benchtools" + common + "&functions=#benchFunctions&toolEndpoint."
                        + Protocol.FUNCTION + "=direct:weather");
                from("direct:weather").process(e -> e.getMessage().setBody(Map.of("tempC", 21)));
            }
        });
        context.start();
        template = context.createProducerTemplate();
    }

    @Override
    public String name() {
        return synchronous ? "component-sync" : "component";
    }

    @Override
    public Conversation open(String id, boolean tools) {
        // the component opens a conversation's session on its first exchange; the harness's first turn does that
        String uri = tools ? "direct:tool" : "direct:ask";
        return new Conversation() {
            @Override
            public String ask(String text) {
                return template.requestBodyAndHeader(uri, text, GeminiLiveConstants.CONVERSATION_ID, id, String.class);
            }

            @Override
            public void sendAudio(byte[] pcm) throws Exception {
                Exchange done = template.send(uri, ExchangePattern.InOnly, e -> {
                    e.getMessage().setBody(pcm);
                    e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, id);
                    e.getMessage().setHeader(GeminiLiveConstants.MESSAGE_TYPE, "audio");
                    e.getMessage().setHeader(GeminiLiveConstants.MIME_TYPE, Protocol.AUDIO_MIME);
                    // one chunk of a longer stream: no audioStreamEnd after it
                    e.getMessage().setHeader(GeminiLiveConstants.TURN_COMPLETE, false);
                });
                if (done.getException() != null) {
                    throw done.getException();
                }
            }

            @Override
            public void close() {
                template.sendBodyAndHeaders(uri, "", Map.of(GeminiLiveConstants.CONVERSATION_ID, id,
                        GeminiLiveConstants.MESSAGE_TYPE, "endSession"));
            }
        };
    }

    @Override
    public void close() throws Exception {
        template.close();
        context.close();
    }
}
