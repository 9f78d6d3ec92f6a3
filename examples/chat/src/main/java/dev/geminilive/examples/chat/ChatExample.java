package dev.geminilive.examples.chat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The "User> ..." text chat of the Live API's getting-started guide, with Camel: each line typed on the console goes
 * through the {@code direct:chat} route to Gemini Live, the route prints the answer, and the session remembers earlier
 * turns. Type {@code exit} (or close stdin) to quit. Without GEMINI_API_KEY it talks to an in-process Gemini Live
 * emulator.
 */
public final class ChatExample {

    private ChatExample() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("org.glassfish").setLevel(Level.WARNING);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        GeminiLiveComponent gemini = new GeminiLiveComponent();
        GeminiLiveEmulator emulator = null;
        if (isBlank(System.getenv("GEMINI_API_KEY")) && isBlank(System.getenv("GOOGLE_API_KEY"))) {
            emulator = GeminiLiveEmulator.builder().start();
            gemini.getConfiguration().setBaseUrl(emulator.url());
            gemini.getConfiguration().setApiKey("local-emulator");
            System.err.println("GEMINI_API_KEY is not set: talking to the local Gemini Live emulator at " + emulator.url());
        }
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("gemini-live", gemini);
            camel.addRoutes(new ChatRoute(out));
            camel.start();
            chat(camel.createProducerTemplate(), new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out);
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    /** Reads lines until "exit" or the end of input; each line is one turn. */
    static void chat(ProducerTemplate template, BufferedReader in, PrintStream out) throws java.io.IOException {
        while (true) {
            out.print("User> ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.trim().equalsIgnoreCase("exit")) {
                out.println();
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            try {
                template.requestBody("direct:chat", line);
            } catch (CamelExecutionException e) {
                out.println("Error: " + e.getCause().getMessage());
            }
        }
    }

    /** The conversation: a line in, the model's answer (its speech, transcribed) printed. */
    static final class ChatRoute extends RouteBuilder {
        private final PrintStream out;

        ChatRoute(PrintStream out) {
            this.out = out;
        }

        @Override
        public void configure() {
            from("direct:chat")
                    .routeId("chat")
                    .to("gemini-live:chat?responseModalities=AUDIO&outputAudioTranscription=true"
                        + "&systemInstruction=You are a helpful assistant. Answer briefly.")
                    .process(e -> out.println("Gemini> " + e.getMessage().getBody(String.class)));
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
