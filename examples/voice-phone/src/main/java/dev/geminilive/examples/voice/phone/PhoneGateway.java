package dev.geminilive.examples.voice.phone;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * A phone line to Gemini Live: the media-stream WebSocket that telephony providers (Twilio Media Streams, Telnyx) open
 * for each call, at {@code ws://HOST:PORT/media-stream}, bridged by Camel to one gemini-live conversation per call.
 * The provider never sees the API key; it only needs to reach this server (in production through a TLS proxy or
 * tunnel, as providers dial {@code wss://}).
 */
public final class PhoneGateway implements AutoCloseable {

    /** The path providers are pointed at. */
    public static final String PATH = "/media-stream";
    /** How often the pacers are asked to send what is due: half a frame. */
    private static final long TICK_MILLIS = 10;

    private final CamelContext camel;
    private final LocalWebServer server;
    private final ScheduledExecutorService ticker;
    private final Set<PhoneCall> calls;

    private PhoneGateway(CamelContext camel, LocalWebServer server, ScheduledExecutorService ticker, Set<PhoneCall> calls) {
        this.camel = camel;
        this.server = server;
        this.ticker = ticker;
        this.calls = calls;
    }

    /**
     * Starts a gateway.
     *
     * @param backend the Gemini Live to talk to
     * @param host the address to listen on
     * @param port the port; 0 picks a free one
     * @return the running gateway
     * @throws Exception when Camel or the server cannot start
     */
    public static PhoneGateway start(GeminiBackend backend, String host, int port) throws Exception {
        return start(backend, host, port, StreamToken.NONE);
    }

    /**
     * Starts a gateway that only answers streams carrying a token.
     *
     * @param backend the Gemini Live to talk to
     * @param host the address to listen on
     * @param port the port; 0 picks a free one
     * @param token the token a stream's start event must carry, or {@link StreamToken#NONE}
     * @return the running gateway
     * @throws Exception when Camel or the server cannot start
     */
    public static PhoneGateway start(GeminiBackend backend, String host, int port, StreamToken token) throws Exception {
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        backend.configure(gemini);
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("gemini-live", gemini);
        VoiceBridge bridge = new VoiceBridge("phone", "systemInstruction=RAW(You answer phone calls. Keep answers short.)");
        camel.addRoutes(bridge);
        camel.start();
        Set<PhoneCall> calls = MediaStreamEndpoint.newCallSet();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "phone-pacer");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            for (PhoneCall call : calls) {
                call.tick(now);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        try {
            LocalWebServer server = LocalWebServer.start(host, port,
                    List.of(EndpointFactory.of(MediaStreamEndpoint.class, PATH, () -> new MediaStreamEndpoint(bridge, calls, token))), null);
            return new PhoneGateway(camel, server, ticker, calls);
        } catch (IOException e) {
            ticker.shutdownNow();
            camel.close();
            throw e;
        }
    }

    /** @return the URL providers dial */
    public String url() {
        return "ws://" + server.host() + ":" + server.port() + PATH;
    }

    /** @return the calls now connected */
    public int activeCalls() {
        return calls.size();
    }

    @Override
    public void close() throws Exception {
        server.close();
        ticker.shutdownNow();
        camel.close();
    }

    /**
     * Runs the gateway until the process is stopped. Options: {@code --host ADDRESS} (default 127.0.0.1),
     * {@code --port N} (default 8081). With the environment variable {@code PHONE_STREAM_TOKEN} set, only streams whose
     * start event carries that token (a custom parameter {@code token}) are answered.
     *
     * @param args the options
     * @throws Exception when it cannot start
     */
    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.glassfish").setLevel(Level.WARNING);
        String host = CommandLine.option(args, "--host", "127.0.0.1");
        int port = Integer.parseInt(CommandLine.option(args, "--port", "8081"));
        GeminiBackend backend = GeminiBackend.fromEnvironment();
        StreamToken token = StreamToken.of(System.getenv("PHONE_STREAM_TOKEN"));
        PhoneGateway gateway = start(backend, host, port, token);
        System.out.println("Phone gateway: media streams at " + gateway.url() + ", talking to " + backend.description());
        if (token == StreamToken.NONE) {
            System.out.println("PHONE_STREAM_TOKEN is not set: any stream that reaches this port is answered");
        }
        CommandLine.runUntilStopped(gateway, backend);
    }
}
