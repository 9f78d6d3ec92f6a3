package dev.geminilive.emulator.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveSendToolResponseParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.MediaModality;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.Tool;
import com.google.genai.types.Type;
import com.google.genai.types.UsageMetadata;

import okhttp3.OkHttpClient;
import okhttp3.Request;

import dev.geminilive.emulator.CloseReasons;
import dev.geminilive.emulator.CloseStatus;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.RealtimeInput;
import dev.geminilive.protocol.Setup;

/**
 * The official Google Gen AI Java SDK ({@code com.google.genai:google-genai}) against the emulator, over a real socket on
 * 127.0.0.1. The SDK always dials {@code wss://}; here an OkHttp application interceptor sends it as plain {@code ws://}
 * (see {@link SdkClients#plainWebSocket}); {@link GenAiSdkTlsInteropTest} covers real wss.
 */
class GenAiSdkInteropTest {

    static final String KEY = "interop-key";
    /** A 2.5 half-cascade model: TEXT modality allowed, clientContent accepted at any time. */
    static final String TEXT_MODEL = "gemini-live-2.5-flash-preview";
    /** A 2.5 native-audio model: answers in speech only. */
    static final String NATIVE_AUDIO_MODEL = "gemini-2.5-flash-native-audio-preview-12-2025";
    /** A 3.1 model: speech only, realtimeInput text instead of mid-session clientContent. */
    static final String LIVE_31_MODEL = "gemini-3.1-flash-live-preview";
    static final Duration WAIT = Duration.ofSeconds(10);

    static GeminiLiveEmulator emulator;

    SdkClients.Requests requests;
    OkHttpClient ok;
    Client client;
    AsyncSession session;
    Inbox inbox;

    @BeforeAll
    static void startEmulator() {
        emulator = GeminiLiveEmulator.builder().apiKey(KEY).maxSessionsPerKey(50).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newClient() {
        requests = new SdkClients.Requests();
        ok = SdkClients.plainWebSocket(requests);
        client = SdkClients.client(emulator.httpUrl(), KEY, null, ok);
        inbox = new Inbox();
    }

    @AfterEach
    void closeClient() throws Exception {
        SdkClients.closeAll(session, client, ok);
    }

    // ------------------------------------------------------------------ 1. connect

    @Test
    void connectCompletesOnSetupCompleteAndTheEmulatorRecordsTheSdkSetupAndApiKey() throws Exception {
        EmulatorSession es = connect(TEXT_MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build());

        assertNotNull(session.setupComplete(), "the connect future completed with the setupComplete message");
        // what the SDK put on the upgrade request: the key as a header, the Gemini API path
        Request upgrade = requests.last();
        assertEquals(KEY, upgrade.header("x-goog-api-key"));
        // google-genai 2.0.0 defaults to API version v1 (not v1beta as the Python and JS SDKs do)
        assertEquals("/ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent", upgrade.url().encodedPath());
        assertTrue(upgrade.header("x-goog-api-client").startsWith("google-genai-sdk/"), upgrade.header("x-goog-api-client"));
        assertEquals("v1", es.path().apiVersion());
        assertFalse(es.path().vertex());
        assertFalse(es.path().constrained());

        // the emulator accepted the key (a wrong one closes 1007, see below) and recorded the setup as the SDK sent it
        List<RecordedFrame> frames = es.allFrames();
        RecordedFrame first = frames.get(0);
        assertTrue(first.isIn());
        assertEquals(ClientMessage.Kind.SETUP, first.client().kind());
        Setup setup = first.client().setup();
        assertEquals("models/" + TEXT_MODEL, setup.model(), "the SDK adds the models/ prefix");
        assertEquals(List.of(dev.geminilive.protocol.Modality.TEXT), setup.generationConfig().responseModalities());
        assertEquals("models/" + TEXT_MODEL, es.model().orElseThrow());
        RecordedFrame reply = frames.get(1);
        assertTrue(reply.isOut());
        assertNotNull(reply.server().setupComplete());
        assertTrue(reply.binary(), "the emulator answers in binary frames, as Google does; the SDK reads them");

        // the SDK's close is a clean 1000 "Client closing"
        session.close().get(5, TimeUnit.SECONDS);
        session = null;
        CloseStatus closed = es.awaitClose(WAIT);
        assertEquals(1000, closed.code());
        assertEquals("Client closing", closed.reason());
        assertFalse(closed.byServer());
    }

    @Test
    void connectWithTheApiVersionGivenInHttpOptionsDialsThatVersion() throws Exception {
        replaceClient(emulator.httpUrl(), KEY, "v1alpha");
        EmulatorSession es = connect(TEXT_MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build());
        assertEquals("/ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContent", requests.last().url().encodedPath());
        assertEquals("v1alpha", es.path().apiVersion());
    }

    @Test
    void connectWithAWrongApiKeyIsRefusedWithClose1007AndYieldsNoSession() throws Exception {
        replaceClient(emulator.httpUrl(), "not-the-key", null);
        int before = emulator.sessions().size();
        try (SdkLog sdkLog = new SdkLog()) {
            CompletableFuture<AsyncSession> connecting = client.async.live.connect(TEXT_MODEL,
                    LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build());

            EmulatorSession es = emulator.awaitSession(before + 1, WAIT);
            CloseStatus closed = es.awaitClose(WAIT);
            assertEquals(CloseReasons.INVALID_PAYLOAD, closed.code());
            assertEquals(CloseReasons.API_KEY_INVALID, closed.reason());
            assertTrue(closed.byServer());
            assertTrue(es.setup().isEmpty(), "setup was refused");

            // the SDK receives the close frame with code and reason...
            LogRecord closing = sdkLog.await(SdkLog.CLOSING, r -> SdkLog.code(r) == 1007, WAIT);
            assertEquals(CloseReasons.API_KEY_INVALID, closing.getParameters()[1]);
            // ...but 2.0.0 only fails the connect future in onClosed/onFailure. Its onClosing does not answer the close
            // frame, so while the server waits for that answer the future stays pending; it never yields a session.
            assertFalse(connecting.isDone() && !connecting.isCompletedExceptionally(), "no session for a refused key");
            connecting.cancel(true);
        }
    }

    // ------------------------------------------------------------------ 2. text turns

    @Test
    void textTurnWithClientContentStreamsTextThenGenerationCompleteThenTurnCompleteWithUsage() throws Exception {
        EmulatorSession es = connect(TEXT_MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build());

        session.sendClientContent(LiveSendClientContentParameters.builder()
                .turns(Content.builder().role("user").parts(Part.fromText("hello from the Java SDK")))
                .turnComplete(true)
                .build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

        assertEquals("You said: hello from the Java SDK", Inbox.text(turn));
        assertTrue(Inbox.modelParts(turn).size() >= 2, "streamed in several chunks: " + Inbox.modelParts(turn).size());
        LiveServerMessage done = turn.get(turn.size() - 1);
        assertTrue(Inbox.isGenerationComplete(turn.get(turn.size() - 2)), "generationComplete comes right before turnComplete");
        assertEquals(1, turn.stream().filter(Inbox::isGenerationComplete).count());
        UsageMetadata usage = done.usageMetadata().orElseThrow(() -> new AssertionError("turnComplete carries usageMetadata"));
        int prompt = usage.promptTokenCount().orElseThrow();
        int response = usage.responseTokenCount().orElseThrow();
        assertTrue(prompt > 0 && response > 0, usage.toString());
        assertEquals(prompt + response, usage.totalTokenCount().orElseThrow());
        assertEquals(MediaModality.Known.TEXT, usage.responseTokensDetails().orElseThrow().get(0).modality().orElseThrow().knownEnum());
        assertEquals(MediaModality.Known.TEXT, usage.promptTokensDetails().orElseThrow().get(0).modality().orElseThrow().knownEnum());

        ClientMessage sent = es.frames().receivedMessages().get(1);
        assertEquals(ClientMessage.Kind.CLIENT_CONTENT, sent.kind());
        assertEquals("user", sent.clientContent().turns().get(0).role());
        assertEquals("hello from the Java SDK", sent.clientContent().turns().get(0).text());
        assertEquals(Boolean.TRUE, sent.clientContent().turnComplete());
    }

    @Test
    void realtimeTextOnA31ModelIsAnsweredInSpeechWithOutputTranscriptionAndLeadingUsage() throws Exception {
        EmulatorSession es = connect(LIVE_31_MODEL, LiveConnectConfig.builder()
                .responseModalities(Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .build());

        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("hello Gemini three").build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

        assertEquals("You said: hello Gemini three", Inbox.outputTranscript(turn));
        List<Part> parts = Inbox.modelParts(turn);
        assertFalse(parts.isEmpty());
        int audioBytes = 0;
        for (Part p : parts) {
            Blob b = p.inlineData().orElseThrow(() -> new AssertionError("speech only: " + p));
            assertEquals("audio/pcm;rate=24000", b.mimeType().orElseThrow());
            audioBytes += b.data().orElseThrow().length;
        }
        assertTrue(audioBytes > 0 && audioBytes % 2 == 0, "16-bit PCM: " + audioBytes);
        // 3.x opens a turn with a serverContent that only carries usage; the SDK parses it as such
        LiveServerMessage lead = turn.get(0);
        assertTrue(lead.usageMetadata().isPresent());
        assertTrue(lead.serverContent().orElseThrow().modelTurn().isEmpty());
        LiveServerMessage done = turn.get(turn.size() - 1);
        assertTrue(Inbox.isTurnComplete(done));
        assertEquals(MediaModality.Known.AUDIO,
                done.usageMetadata().orElseThrow().responseTokensDetails().orElseThrow().get(0).modality().orElseThrow().knownEnum());

        RealtimeInput sent = es.frames().receivedMessages().get(1).realtimeInput();
        assertEquals("hello Gemini three", sent.text());
    }

    @Test
    void serverTextFramesAreReadByTheSdkLikeBinaryFrames() throws Exception {
        try (GeminiLiveEmulator textFrames = GeminiLiveEmulator.builder().apiKey(KEY).binaryFrames(false).start()) {
            replaceClient(textFrames.httpUrl(), KEY, null);
            session = client.async.live.connect(TEXT_MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build())
                    .thenApply(this::receiving).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            session.sendClientContent(LiveSendClientContentParameters.builder()
                    .turns(Content.builder().role("user").parts(Part.fromText("text frames please"))).turnComplete(true).build())
                    .get(5, TimeUnit.SECONDS);
            List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);
            assertEquals("You said: text frames please", Inbox.text(turn));
            assertTrue(textFrames.lastSession().orElseThrow().frames().sent().stream().noneMatch(RecordedFrame::binary));
            session.close().get(5, TimeUnit.SECONDS);
            session = null;
        }
    }

    // ------------------------------------------------------------------ 3. audio input

    @Test
    void streamedAudioIsRecordedByteForByteAndAnsweredOnceTheSpeechEndsInSilence() throws Exception {
        EmulatorSession es = connect(NATIVE_AUDIO_MODEL, LiveConnectConfig.builder()
                .responseModalities(Modality.Known.AUDIO)
                .inputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .build());
        byte[] pcm = SpeechLikePcm.utterance(1200, 800);
        List<byte[]> chunks = SpeechLikePcm.chunks(pcm, 100);

        sendAudio(chunks);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

        assertEquals("[audio 1.2 s]", Inbox.inputTranscript(turn));
        assertEquals("I heard 1.2 seconds of audio.", Inbox.outputTranscript(turn));
        assertTrue(Inbox.modelParts(turn).stream().allMatch(p -> p.inlineData().isPresent()));
        assertTrue(turn.get(turn.size() - 1).usageMetadata().isPresent());

        // google-genai 2.0.0 writes this one envelope in snake_case ({"realtime_input":{"audio":...}}) while clientContent,
        // toolResponse and setup are camelCase; the emulator, like the real server, reads both
        assertTrue(es.frames().received().get(1).json().startsWith("{\"realtime_input\":"), es.frames().received().get(1).json());
        List<RealtimeInput> audio = es.frames().receivedMessages().stream()
                .filter(m -> m.kind() == ClientMessage.Kind.REALTIME_INPUT && m.realtimeInput().audio() != null)
                .map(ClientMessage::realtimeInput).toList();
        assertEquals(chunks.size(), audio.size(), "one realtimeInput frame per sendRealtimeInput");
        assertTrue(audio.stream().allMatch(a -> SpeechLikePcm.MIME.equals(a.audio().mimeType())));
        assertArrayEquals(pcm, SpeechLikePcm.concat(audio.stream().map(a -> a.audio().data()).toList()),
                "the emulator received exactly the PCM the SDK was given");
    }

    @Test
    void audioStreamEndFinishesTheUtteranceWithoutTrailingSilence() throws Exception {
        EmulatorSession es = connect(NATIVE_AUDIO_MODEL, LiveConnectConfig.builder()
                .responseModalities(Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .build());
        byte[] pcm = SpeechLikePcm.utterance(900, 0);

        sendAudio(SpeechLikePcm.chunks(pcm, 100));
        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().audioStreamEnd(true).build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

        assertEquals("I heard 0.9 seconds of audio.", Inbox.outputTranscript(turn));
        ClientMessage last = es.frames().receivedMessages().stream().filter(m -> m.kind() == ClientMessage.Kind.REALTIME_INPUT)
                .reduce((a, b) -> b).orElseThrow();
        assertEquals(Boolean.TRUE, last.realtimeInput().audioStreamEnd());
        assertArrayEquals(pcm, SpeechLikePcm.concat(es.frames().receivedMessages().stream()
                .filter(m -> m.kind() == ClientMessage.Kind.REALTIME_INPUT && m.realtimeInput().audio() != null)
                .map(m -> m.realtimeInput().audio().data()).toList()));
    }

    // ------------------------------------------------------------------ 4. tool call and tool response

    @Test
    void declaredFunctionNamedInTheTurnIsCalledAndTheAnswerQuotesTheToolResponse() throws Exception {
        FunctionDeclaration getWeather = FunctionDeclaration.builder()
                .name("get_weather")
                .description("Current weather in a city")
                .parameters(Schema.builder().type(Type.Known.OBJECT)
                        .properties(Map.of("city", Schema.builder().type(Type.Known.STRING).build()))
                        .required("city"))
                .build();
        EmulatorSession es = connect(TEXT_MODEL, LiveConnectConfig.builder()
                .responseModalities(Modality.Known.TEXT)
                .tools(Tool.builder().functionDeclarations(getWeather))
                .build());

        session.sendClientContent(LiveSendClientContentParameters.builder()
                .turns(Content.builder().role("user").parts(Part.fromText("What is it like outside? get_weather city=Paris")))
                .turnComplete(true).build()).get(5, TimeUnit.SECONDS);
        LiveServerMessage toolCall = inbox.await(m -> m.toolCall().isPresent(), WAIT);

        List<FunctionCall> calls = toolCall.toolCall().orElseThrow().functionCalls().orElseThrow();
        assertEquals(1, calls.size());
        FunctionCall call = calls.get(0);
        String id = call.id().orElseThrow();
        assertTrue(id.startsWith("function-call-"), id);
        assertEquals("get_weather", call.name().orElseThrow());
        assertEquals(Map.of("city", "Paris"), call.args().orElseThrow());
        assertTrue(inbox.all().stream().noneMatch(Inbox::isTurnComplete), "a BLOCKING call holds the turn open until the response");

        session.sendToolResponse(LiveSendToolResponseParameters.builder()
                .functionResponses(FunctionResponse.builder().id(id).name("get_weather").response(Map.of("output", "sunny, 21 C")))
                .build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);

        assertEquals("The get_weather tool returned {\"output\":\"sunny, 21 C\"}.", Inbox.text(turn));
        assertTrue(turn.get(turn.size() - 1).usageMetadata().isPresent());

        Setup setup = es.setup().orElseThrow();
        dev.geminilive.protocol.FunctionDeclaration declared = setup.tools().get(0).functionDeclarations().get(0);
        assertEquals("get_weather", declared.name());
        assertEquals("OBJECT", String.valueOf(declared.parameters().get("type")));
        ClientMessage response = es.frames().receivedMessages().stream().filter(m -> m.kind() == ClientMessage.Kind.TOOL_RESPONSE)
                .findFirst().orElseThrow();
        dev.geminilive.protocol.FunctionResponse fr = response.toolResponse().functionResponses().get(0);
        assertEquals(id, fr.id());
        assertEquals("get_weather", fr.name());
        assertEquals(Map.of("output", "sunny, 21 C"), fr.response());
    }

    // ------------------------------------------------------------------ 5. goAway at the connection lifetime

    @Test
    void connectionLifetimeSendsGoAwayWithTimeLeftThenTheEmulatorClosesWith1011() throws Exception {
        try (SdkLog sdkLog = new SdkLog();
                GeminiLiveEmulator shortLived = GeminiLiveEmulator.builder().apiKey(KEY)
                        .connectionLifetime(Duration.ofMillis(1500)).goAwayLead(Duration.ofSeconds(1)).start()) {
            replaceClient(shortLived.httpUrl(), KEY, null);
            session = client.async.live.connect(TEXT_MODEL, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build())
                    .thenApply(this::receiving).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            EmulatorSession es = shortLived.awaitSession(1, WAIT);

            LiveServerMessage goAway = inbox.await(m -> m.goAway().isPresent(), WAIT);
            assertEquals(Duration.ofSeconds(1), goAway.goAway().orElseThrow().timeLeft().orElseThrow(),
                    "the SDK parses the protobuf Duration \"1s\"");

            CloseStatus closed = es.awaitClose(WAIT);
            assertEquals(CloseReasons.INTERNAL_ERROR, closed.code());
            assertEquals(CloseReasons.DEADLINE_EXPIRED, closed.reason());
            assertTrue(closed.byServer());
            RecordedFrame goAwayFrame = es.frames().sent().stream().filter(f -> f.server() != null && f.server().goAway() != null)
                    .findFirst().orElseThrow();
            assertTrue(Duration.between(es.openedAt(), goAwayFrame.time()).toMillis() >= 490,
                    "goAway comes at lifetime minus lead: " + Duration.between(es.openedAt(), goAwayFrame.time()));

            // the SDK has no close callback in 2.0.0; its log is the only place it reports the close
            assertEquals(1011, SdkLog.code(sdkLog.await(SdkLog.CLOSING, r -> true, WAIT)));
            session = null; // closed by the server
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Connects, registers the inbox as soon as the session exists, and returns the emulator's view of the connection. */
    private EmulatorSession connect(String model, LiveConnectConfig config) throws Exception {
        int before = emulator.sessions().size();
        session = client.async.live.connect(model, config).thenApply(this::receiving).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return emulator.awaitSession(before + 1, WAIT);
    }

    /** A new SDK client, with a new OkHttp client: closing the old SDK client shut down the old OkHttp dispatcher. */
    private void replaceClient(String baseUrl, String apiKey, String apiVersion) {
        client.close();
        SdkClients.shutdown(ok);
        requests = new SdkClients.Requests();
        ok = SdkClients.plainWebSocket(requests);
        client = SdkClients.client(baseUrl, apiKey, apiVersion, ok);
    }

    private AsyncSession receiving(AsyncSession s) {
        s.receive(inbox);
        return s;
    }

    /**
     * Sends audio chunks one after the other. Each SDK send runs on the common pool ({@code CompletableFuture.runAsync}),
     * so sends that are not awaited may reach the socket out of order.
     */
    private void sendAudio(List<byte[]> chunks) throws Exception {
        for (byte[] chunk : chunks) {
            session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
                    .audio(Blob.builder().mimeType(SpeechLikePcm.MIME).data(chunk)).build()).get(5, TimeUnit.SECONDS);
        }
    }
}
