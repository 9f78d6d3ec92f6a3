package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.geminilive.audio.WavWriter;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.Part;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix: bodies, headers, options, raw messages and server misbehaviour. In every case the conversation
 * first learns a fact, then the bad input fails with a clear error naming what was wrong (or, for a server that
 * misbehaves, the next answer is still the answer to its own question), and afterwards the same conversation still
 * answers from its memory.
 */
class BadInputMatrixTest extends EmulatorTestSupport {

    static final String CONVERSATION = "m";
    static final String CHAT = "direct:chat";
    static final String CHAT25 = "direct:chat25";
    // generous: a loaded 2-core machine must not turn a slow answer into a failed case
    static final long TURN_TIMEOUT = 3000;
    /** A failure reported at once takes far less than the turn timeout. */
    static final long AT_ONCE_MILLIS = 1000;

    /** One bad input: how to try it, and what the route must see. */
    record Case(String category, String name, String route, Attempt attempt, String expected) {
        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    @FunctionalInterface
    interface Attempt {
        /** @return what the route saw: the error's message chain, or the answer */
        String run(BadInputMatrixTest test, String route) throws Exception;
    }

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(20));
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(CHAT).to(uri("chat", "model=" + MODEL_3 + "&turnTimeout=" + TURN_TIMEOUT
                                          + "&activityHandling=NO_INTERRUPTION&reconnectInitialDelay=20"));
                from(CHAT25).to(uri("chat25", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT&turnTimeout=" + TURN_TIMEOUT
                                              + "&reconnectInitialDelay=20"));
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputFailsClearlyAndTheConversationGoesOn(Case c) throws Exception {
        assertEquals("Nice to meet you, Ada.", ask(c.route(), "My name is Ada"));

        String seen = c.attempt().run(this, c.route());

        assertNotNull(seen, c.toString());
        assertTrue(seen.contains(c.expected()), c + ": expected «" + c.expected() + "» in «" + seen + "»");
        assertEquals("Your name is Ada.", ask(c.route(), "What is my name?"), c + ": the conversation still remembers");
        assertEquals("You said: and now?", ask(c.route(), "and now?"), c + ": and answers its own questions");
    }

    static Stream<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(bodies());
        all.addAll(headers());
        all.addAll(options());
        all.addAll(rawMessages());
        all.addAll(serverMisbehaviour());
        return all.stream();
    }

    // ---------------------------------------------------------------- bodies

    static List<Case> bodies() {
        byte[] speech = WavWriter.toWav(MediaTest.speechLike(16000, 1), 16000);
        return List.of(
                body("null body", null, "The exchange has no body to send to Gemini Live"),
                body("empty text", "", "The text body is empty: nothing for the model to answer"),
                body("blank text", " \t\n", "The text body is blank: nothing for the model to answer"),
                body("lone high surrogate", "x\uD800y", "Text body is not valid UTF-16: lone high surrogate at index 1"),
                body("lone low surrogate", "ab\uDC00", "Text body is not valid UTF-16: lone low surrogate at index 2"),
                body("unsupported type", new Object(), "Cannot send a body of type java.lang.Object to Gemini Live"),
                body("unsupported number", 42, "Cannot send a body of type java.lang.Integer to Gemini Live"),
                body("empty byte[] audio", new byte[0], "The audio body is empty: nothing to send to Gemini Live"),
                body("WAV header without samples", WavWriter.toWav(new byte[0], 16000),
                        "The audio body holds no samples: nothing to send to Gemini Live"),
                body("WAV cut short", Arrays.copyOf(speech, speech.length / 2), "WAV data is truncated"),
                body("silent PCM awaiting an answer", new byte[16000], "The audio is silent: no speech for the model to answer"),
                body("file that does not exist", Path.of("target/no-such-audio.wav"), "Cannot read"),
                new Case("body", "history turn without a role on a 3.x model", CHAT,
                        (t, r) -> t.failure(r, List.of(new Content(null, List.of(Part.ofText("hi")))), Map.of()),
                        "clientContent turn 1 needs the role user or model on " + MODEL_3 + ", not: null"),
                new Case("body", "history turns of the wrong type", CHAT25,
                        (t, r) -> t.failure(r, 42, Map.of(GeminiLiveConstants.MESSAGE_TYPE, "clientContent")),
                        "clientContent needs history turns"),
                new Case("body", "history that is not JSON", CHAT25,
                        (t, r) -> t.failure(r, "[{role:", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "clientContent")),
                        "The clientContent body is not valid JSON"),
                new Case("body", "a tool response that is not JSON", CHAT,
                        (t, r) -> t.failure(r, "{not json", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "toolResponse")),
                        "The toolResponse body is not valid JSON"));
    }

    static Case body(String name, Object body, String expected) {
        return new Case("body", name, CHAT, (t, r) -> t.failure(r, body, Map.of()), expected);
    }

    // ---------------------------------------------------------------- headers

    static List<Case> headers() {
        return List.of(
                header("unknown message type", "hello", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "shout"),
                        "Unknown CamelGeminiLiveMessageType 'shout'"),
                header("setup as message type", "hello", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "setup"),
                        "Unknown CamelGeminiLiveMessageType 'setup'"),
                header("video with a text MIME type", new byte[] { 1, 2, 3 },
                        Map.of(GeminiLiveConstants.MESSAGE_TYPE, "video", GeminiLiveConstants.MIME_TYPE, "text/plain"),
                        "Video frames must be images (image/jpeg or image/png); the body's type is text/plain"),
                header("video of unknown bytes without a MIME type", new byte[] { 1, 2, 3 },
                        Map.of(GeminiLiveConstants.MESSAGE_TYPE, "video"), "the body's type is unknown: set CamelGeminiLiveMimeType"),
                header("text sent as audio", "hello", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "audio"),
                        "Audio must be bytes, a ByteBuffer, an InputStream or a file, not java.lang.String"),
                header("raw type on plain text", "hello", Map.of(GeminiLiveConstants.MESSAGE_TYPE, "raw"), "Invalid raw Live message"),
                header("tool response type on a number", 7, Map.of(GeminiLiveConstants.MESSAGE_TYPE, "toolResponse"),
                        "Invalid toolResponse: Invalid JSON payload received. Expected a JSON object"));
    }

    static Case header(String name, Object body, Map<String, Object> headers, String expected) {
        return new Case("header", name, CHAT, (t, r) -> t.failure(r, body, headers), expected);
    }

    // ---------------------------------------------------------------- options

    static List<Case> options() {
        return List.of(
                option("turnTimeout zero", "turnTimeout=0", "turnTimeout must be positive, not 0"),
                option("unknown backend", "backend=vertexai", "backend must be gemini or vertex, not: vertexai"),
                option("unknown toolErrorMessage", "toolErrorMessage=verbose", "toolErrorMessage must be generic, class or message"),
                option("tool endpoint for an undeclared function", "toolEndpoint.nope=direct:nope",
                        "toolEndpoint.nope names a function that the functions option does not declare"),
                option("audio chunks too short", "audioChunkMillis=5", "audioChunkMillis must be between 10 and 10000"),
                option("negative reconnect attempts", "reconnectMaxAttempts=-1", "reconnectMaxAttempts"),
                option("negative history", "historyMaxTurns=-1", "historyMaxTurns"),
                option("unknown turnPolicy", "turnPolicy=barge", "turnPolicy must be queue or interrupt, not: barge"),
                option("unknown interruptedReply", "interruptedReply=empty", "interruptedReply must be fail or partial, not: empty"),
                option("no sessions at all", "maxConcurrentSessions=0", "maxConcurrentSessions must be positive, not 0"),
                option("misspelt option", "temprature=0.5", "There are 1 parameters that couldn't be set on the endpoint"),
                option("vertex without a bearer token", "backend=vertex&project=p",
                        "The bearerToken option (or bearerTokenSupplier) is required for backend=vertex"));
    }

    static Case option(String name, String options, String expected) {
        return new Case("option", name, CHAT, (t, r) -> t.startFailure(options), expected);
    }

    // ---------------------------------------------------------------- raw messages

    static List<Case> rawMessages() {
        return List.of(
                raw("raw that is not JSON", "{realtimeInput:", "Invalid raw Live message"),
                raw("raw with an unknown field", "{\"realtimeInput\":{\"txt\":\"hi\"}}", "Unknown name \"txt\""),
                raw("raw setup", "{\"setup\":{\"model\":\"models/x\"}}", "A raw message cannot be a setup"),
                raw("raw with two message kinds", "{\"realtimeInput\":{\"text\":\"a\"},\"clientContent\":{\"turnComplete\":true}}",
                        "Invalid raw Live message"),
                raw("raw with a wrong value type", "{\"realtimeInput\":{\"text\":{\"a\":1}}}", "Invalid raw Live message"),
                new Case("raw", "raw map with a lone surrogate", CHAT,
                        (t, r) -> t.failure(r, Map.of("realtimeInput", Map.of("text", "cut \uD83D")),
                                Map.of(GeminiLiveConstants.MESSAGE_TYPE, "raw")),
                        "not valid UTF-16 (lone high surrogate"));
    }

    static Case raw(String name, String json, String expected) {
        return new Case("raw", name, CHAT, (t, r) -> t.failure(r, json, Map.of(GeminiLiveConstants.MESSAGE_TYPE, "raw")), expected);
    }

    // ---------------------------------------------------------------- server misbehaviour

    static List<Case> serverMisbehaviour() {
        return List.of(
                server("a frame that is not JSON", s -> s.faults().sendMalformed(), "You said: hello"),
                server("a stray model turn nobody asked for",
                        s -> s.faults().sendRaw("{\"serverContent\":{\"modelTurn\":{\"parts\":[{\"text\":\"stray\"}]},\"turnComplete\":true}}"),
                        "You said: hello"),
                server("a stray turnComplete", s -> s.faults().sendRaw("{\"serverContent\":{\"turnComplete\":true}}"),
                        "You said: hello"),
                server("an unknown server field", s -> s.faults().sendRaw("{\"somethingNew\":{\"x\":1}}"), "You said: hello"),
                server("a resumption handle that the server will not honour",
                        s -> s.faults().sendRaw("{\"sessionResumptionUpdate\":{\"newHandle\":\"forged\",\"resumable\":true}}"),
                        "You said: hello", true),
                server("a connection dropped between turns", s -> s.faults().drop(), "You said: hello"),
                server("close 1011 between turns", s -> s.faults().close(1011, "Internal error"), "You said: hello"),
                server("goAway with no time left", s -> s.faults().goAway(Duration.ZERO), "You said: hello"),
                new Case("server", "a stall longer than turnTimeout", CHAT, (t, r) -> t.duringTurn(r, s -> s.faults().stall(
                        Duration.ofMillis(TURN_TIMEOUT + 1500))), "No answer from Gemini Live within " + Duration.ofMillis(TURN_TIMEOUT) + " (turnTimeout)"),
                new Case("server", "a drop during a turn", CHAT, (t, r) -> t.duringTurn(r, s -> s.faults().drop()), "You said: hello"),
                new Case("server", "close 1011 during a turn", CHAT,
                        (t, r) -> t.duringTurn(r, s -> s.faults().close(1011, "Internal error")), "You said: hello"),
                new Case("server", "close 1007 during a turn", CHAT,
                        (t, r) -> t.duringTurn(r, s -> s.faults().close(1007, "Request contains an invalid argument.")),
                        "Request contains an invalid argument."),
                new Case("server", "close 1008 during a turn", CHAT,
                        (t, r) -> t.duringTurn(r, s -> s.faults().close(1008, "Policy violation")), "Policy violation"));
    }

    static Case server(String name, java.util.function.Consumer<EmulatorSession> fault, String expected) {
        return server(name, fault, expected, false);
    }

    /** A fault between turns; with {@code thenDrop} the connection is also dropped, so the client must reconnect. */
    static Case server(String name, java.util.function.Consumer<EmulatorSession> fault, String expected, boolean thenDrop) {
        return new Case("server", name, CHAT, (t, r) -> {
            EmulatorSession s = t.openSession();
            fault.accept(s);
            if (thenDrop) {
                s.faults().drop();
            }
            Thread.sleep(100);
            return t.ask(r, "hello");
        }, expected);
    }

    // ---------------------------------------------------------------- attempts

    String ask(String route, String text) {
        return template.requestBodyAndHeader(route, text, GeminiLiveConstants.CONVERSATION_ID, CONVERSATION, String.class);
    }

    /** Sends InOut and returns the error's message chain; the exchange must fail, and at once. */
    String failure(String route, Object body, Map<String, Object> headers) {
        Map<String, Object> all = new HashMap<>(headers);
        all.put(GeminiLiveConstants.CONVERSATION_ID, CONVERSATION);
        long start = System.nanoTime();
        Exchange reply = template.request(route, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(all);
        });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNotNull(reply.getException(), "the exchange failed");
        assertTrue(millis < AT_ONCE_MILLIS, "failed at once, not after " + millis + " ms");
        return messages(reply.getException());
    }

    /** Adds a route to the running context with these options; it must fail to start. */
    String startFailure(String options) {
        try {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:bad").to(uri("bad", options));
                }
            });
        } catch (Exception e) {
            // the route's own message repeats the URI, so the option's error is looked for in the root cause
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
        throw new AssertionError("a route with " + options + " started");
    }

    /** Asks a question, applies a fault once the server has the question, and returns the answer or the error. */
    String duringTurn(String route, java.util.function.Consumer<EmulatorSession> fault) throws Exception {
        EmulatorSession s = openSession();
        s.faults().delayEachFrame(Duration.ofMillis(200));
        int before = clientMessages(s).size();
        CompletableFuture<Exchange> reply = template.asyncSend(route, e -> {
            e.getMessage().setBody("hello");
            e.getMessage().setHeader(GeminiLiveConstants.CONVERSATION_ID, CONVERSATION);
            e.setPattern(org.apache.camel.ExchangePattern.InOut);
        });
        await(() -> clientMessages(s).size() > before, Duration.ofSeconds(5), "the question at the server");
        fault.accept(s);
        Exchange e = reply.get(TURN_TIMEOUT + 5000, TimeUnit.MILLISECONDS);
        s.faults().delayEachFrame(Duration.ZERO);
        return e.getException() != null ? messages(e.getException()) : e.getMessage().getBody(String.class);
    }

    /** @return the open session of the conversation */
    EmulatorSession openSession() {
        return emulator.sessions().stream().filter(EmulatorSession::isOpen).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no open session"));
    }

    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
