package dev.geminilive.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.geminilive.emulator.scenario.Scenario;
import dev.geminilive.emulator.server.SelfSignedTls;

/**
 * Runs the emulator from the command line:
 *
 * <pre>
 * java -jar gemini-live-emulator-*-all.jar --port 8765 --key test-key --scenario my.json --connection-lifetime 10m
 * </pre>
 *
 * It prints the base URL, then serves until the process is stopped. {@code --help} lists the options.
 */
public final class EmulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar gemini-live-emulator-all.jar [options]",
            "  --port N                  port to listen on (default 0: a free port)",
            "  --bind ADDRESS            address to bind (default 127.0.0.1)",
            "  --key KEY                 accepted API key, repeatable (default: any non-empty key)",
            "  --token auth_tokens/X     accepted ephemeral token, repeatable (default: any auth_tokens/ token)",
            "  --scenario FILE           JSON scenario (see docs/emulator.md), repeatable",
            "  --models A,B              served model names (default: the current Live models and test models)",
            "  --connection-lifetime D   connection lifetime, e.g. 10m (default 10m)",
            "  --go-away-lead D          goAway this long before the end (default 50s)",
            "  --audio-session-limit D   session limit without video (default 15m)",
            "  --video-session-limit D   session limit with video (default 2m)",
            "  --max-sessions-per-key N  concurrent sessions per key (default 10)",
            "  --handle-ttl D            resumption handle validity after close (default 2h)",
            "  --max-message-bytes N     largest client frame (default 8388608)",
            "  --chunk-delay D           pause between model frames (default 5ms)",
            "  --idle-timeout D          close 1011 after this long without a client message (default: never)",
            "  --resumption-update-interval D",
            "                            also send a fresh resumption handle this often while no turn runs (default: off)",
            "  --allow-resume-while-connected",
            "                            accept a resume while the session's old connection is open; the old one closes 1000",
            "  --text-frames             send server frames as text instead of binary",
            "  --tls                     serve wss with a self-signed certificate for 127.0.0.1/localhost",
            "  --trust-store FILE        with --tls: write a PKCS12 trust store (password changeit) to FILE",
            "  --help                    print this help");

    /** Held so that JUL, which keeps loggers weakly, does not forget the level set on it. */
    private static final java.util.logging.Logger GLASSFISH_LOGS = java.util.logging.Logger.getLogger("org.glassfish");

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        // Grizzly and Tyrus log through JUL; their INFO start-up lines would bury the URL this prints
        GLASSFISH_LOGS.setLevel(java.util.logging.Level.WARNING);
        GeminiLiveEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "gemini-emulator-shutdown"));
        stopped.await();
    }

    /**
     * Starts an emulator from command-line arguments and prints where it listens.
     *
     * @throws IllegalArgumentException for a bad argument
     */
    public static GeminiLiveEmulator start(String[] args, PrintStream out) throws IOException {
        Options options = parse(args);
        GeminiLiveEmulator emulator = options.builder.start();
        out.println("Gemini Live emulator listening on " + emulator.url());
        out.println("  Gemini API: " + emulator.liveUrl("v1beta"));
        out.println("  SDK baseUrl: " + emulator.httpUrl());
        if (!SelfSignedTls.isLoopback(emulator.settings().bindAddress())) {
            out.println("  WARNING: bound to " + emulator.settings().bindAddress() + ", reachable from other machines");
        }
        if (options.trustStore != null) {
            try (OutputStream o = Files.newOutputStream(options.trustStore)) {
                emulator.tls().writeTrustStore(o);
            }
            out.println("  trust store: " + options.trustStore + " (PKCS12, password " + SelfSignedTls.trustStorePassword() + ")");
        }
        out.flush();
        return emulator;
    }

    record Options(GeminiLiveEmulator.Builder builder, Path trustStore) {
    }

    static Options parse(String[] args) throws IOException {
        GeminiLiveEmulator.Builder b = GeminiLiveEmulator.builder();
        Scenario scenario = Scenario.empty();
        Path trustStore = null;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--text-frames" -> b.binaryFrames(false);
                case "--allow-resume-while-connected" -> b.rejectResumeWhileConnected(false);
                case "--tls" -> tls = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("Unknown option or missing value: " + a);
                    }
                    String v = args[++i];
                    switch (a) {
                        case "--port" -> b.port(Integer.parseInt(v));
                        case "--bind" -> b.bindAddress(v);
                        case "--key" -> b.apiKey(v);
                        case "--token" -> b.authToken(v);
                        case "--scenario" -> scenario = scenario.and(Scenario.load(Path.of(v)));
                        case "--models" -> b.models(splitModels(v));
                        case "--connection-lifetime" -> b.connectionLifetime(DurationArg.parse(v));
                        case "--go-away-lead" -> b.goAwayLead(DurationArg.parse(v));
                        case "--audio-session-limit" -> b.audioSessionLimit(DurationArg.parse(v));
                        case "--video-session-limit" -> b.videoSessionLimit(DurationArg.parse(v));
                        case "--max-sessions-per-key" -> b.maxSessionsPerKey(Integer.parseInt(v));
                        case "--handle-ttl" -> b.handleTtl(DurationArg.parse(v));
                        case "--max-message-bytes" -> b.maxMessageBytes(Integer.parseInt(v));
                        case "--chunk-delay" -> b.chunkDelay(DurationArg.parse(v));
                        case "--idle-timeout" -> b.idleTimeout(DurationArg.parse(v));
                        case "--resumption-update-interval" -> b.resumptionUpdateInterval(DurationArg.parse(v));
                        case "--trust-store" -> trustStore = Path.of(v);
                        default -> throw new IllegalArgumentException("Unknown option: " + a);
                    }
                }
            }
        }
        if (trustStore != null && !tls) {
            throw new IllegalArgumentException("--trust-store needs --tls");
        }
        return new Options(b.scenario(scenario).tls(tls), trustStore);
    }

    private static String[] splitModels(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out.toArray(String[]::new);
    }
}
