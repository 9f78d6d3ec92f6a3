package dev.geminilive.examples.voice.web;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.examples.voice.EndpointFactory;
import dev.geminilive.examples.voice.CommandLine;
import dev.geminilive.examples.voice.GeminiBackend;
import dev.geminilive.examples.voice.LocalWebServer;
import dev.geminilive.examples.voice.VoiceBridge;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A voice page for Gemini Live: serves the page at {@code http://HOST:PORT/} and its WebSocket at {@code /live}, and
 * bridges each browser tab, through Camel, to its own gemini-live conversation. The browser never holds the API key;
 * it only talks to this server, and only pages served by it may connect (the WebSocket checks the Origin).
 */
public final class VoiceWebGateway implements AutoCloseable {

    /** The WebSocket path of the page. */
    public static final String PATH = "/live";

    private final CamelContext camel;
    private final LocalWebServer server;

    private VoiceWebGateway(CamelContext camel, LocalWebServer server) {
        this.camel = camel;
        this.server = server;
    }

    /**
     * Starts a gateway.
     *
     * @param backend the Gemini Live to talk to
     * @param host the address to listen on
     * @param port the port (0 picks a free one)
     * @return the running gateway
     * @throws Exception when Camel or the server cannot start
     */
    public static VoiceWebGateway start(GeminiBackend backend, String host, int port) throws Exception {
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        backend.configure(gemini);
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("gemini-live", gemini);
        VoiceBridge bridge = new VoiceBridge("web", "systemInstruction=RAW(You are a friendly voice assistant. Keep answers short.)");
        camel.addRoutes(bridge);
        camel.start();
        int[] bound = new int[1];
        try {
            // the allowed origin needs the bound port, known only once the server runs; it is read per handshake
            LocalWebServer server = LocalWebServer.start(host, port, List.of(EndpointFactory.of(BrowserEndpoint.class, PATH,
                    () -> new BrowserEndpoint(bridge), origin -> isSameOrigin(origin, host, bound[0]))), "web/");
            bound[0] = server.port();
            return new VoiceWebGateway(camel, server);
        } catch (IOException e) {
            camel.close();
            throw e;
        }
    }

    /** A page served by this gateway: the same host (or localhost for loopback) and port. */
    static boolean isSameOrigin(String origin, String host, int port) {
        if (origin == null) {
            return false;
        }
        if (origin.equals("http://" + host + ":" + port) || origin.equals("https://" + host + ":" + port)) {
            return true;
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost");
        return loopback && (origin.equals("http://localhost:" + port) || origin.equals("http://127.0.0.1:" + port));
    }

    /** @return the page's address */
    public String url() {
        return "http://" + server.host() + ":" + server.port() + "/";
    }

    @Override
    public void close() throws Exception {
        server.close();
        camel.close();
    }

    /**
     * Serves the page until the process is stopped. Options: {@code --host ADDRESS} (default 127.0.0.1),
     * {@code --port N} (default 8080).
     *
     * @param args the options
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.glassfish").setLevel(Level.WARNING);
        String host = CommandLine.option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(CommandLine.option(args, "--port", "8080"));
        GeminiBackend backend = GeminiBackend.fromEnvironment();
        VoiceWebGateway gateway = start(backend, host, port);
        System.out.println("Voice page: open " + gateway.url() + " (talking to " + backend.description() + ")");
        CommandLine.runUntilStopped(gateway, backend);
    }
}
