package dev.geminilive.emulator.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.AudioTranscriptionConfig;
import com.google.genai.types.Blob;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.FunctionResponseScheduling;
import com.google.genai.types.LiveClientContextUpdate;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendClientContentParameters;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveSendToolResponseParameters;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.Tool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.models.ModelProfile;
import dev.geminilive.models.ModelProfiles;
import dev.geminilive.protocol.ClientMessage;

/**
 * The google-genai Java SDK against every model profile the emulator serves, and the 3.8 Live behaviours a route relies
 * on: a NON_BLOCKING tool call, a clientContent barge-in mid-session, and a contextUpdate.
 */
class GenAiSdkProfilesInteropTest {

    static final String KEY = "interop-key";
    static final String LIVE_38 = "gemini-3.8-live";
    static final Duration WAIT = Duration.ofSeconds(10);

    static GeminiLiveEmulator emulator;

    OkHttpClient ok;
    Client client;
    AsyncSession session;
    Inbox inbox;

    @BeforeAll
    static void startEmulator() {
        emulator = GeminiLiveEmulator.builder().apiKey(KEY).maxSessionsPerKey(50).chunkDelay(Duration.ofMillis(20)).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void newClient() {
        ok = SdkClients.plainWebSocket(new SdkClients.Requests());
        client = SdkClients.client(emulator.httpUrl(), KEY, null, ok);
        inbox = new Inbox();
    }

    @AfterEach
    void closeClient() throws Exception {
        SdkClients.closeAll(session, client, ok);
    }

    /** One model of each profile, as listed in the shared table. */
    static Stream<ModelProfile> profiles() {
        return ModelProfiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyProfileConnectsAndAnswersTheSdkInItsOwnModality(ModelProfile profile) throws Exception {
        String model = profile.models().get(0);
        if (profile.transcribeOnly()) {
            connect(model, LiveConnectConfig.builder().responseModalities(Modality.Known.TEXT).build());
            for (byte[] chunk : SpeechLikePcm.chunks(SpeechLikePcm.utterance(600, 0), 100)) {
                session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
                        .audio(Blob.builder().mimeType(SpeechLikePcm.MIME).data(chunk)).build()).get(5, TimeUnit.SECONDS);
            }
            session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().audioStreamEnd(true).build()).get(5, TimeUnit.SECONDS);
            List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);
            assertTrue(Inbox.inputTranscript(turn).matches("\\[audio [0-9.]+ s\\]"), Inbox.inputTranscript(turn));
            assertTrue(Inbox.modelParts(turn).isEmpty(), "a transcription model does not answer");
            return;
        }
        boolean text = profile.answersInText();
        connect(model, LiveConnectConfig.builder().responseModalities(text ? Modality.Known.TEXT : Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build()).build());
        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("hello " + profile.name()).build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> turn = inbox.awaitTurns(1, WAIT);
        assertEquals("You said: hello " + profile.name(), text ? Inbox.text(turn) : Inbox.outputTranscript(turn));
    }

    @Test
    void gemini38CallsAFunctionWithoutWaitingAndAnswersTheResultWhenIdle() throws Exception {
        FunctionDeclaration getWeather = FunctionDeclaration.builder().name("get_weather").description("Weather in a city").build();
        connect(LIVE_38, LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build())
                .tools(Tool.builder().functionDeclarations(getWeather)).build());

        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("get_weather city=Paris").build()).get(5, TimeUnit.SECONDS);
        LiveServerMessage call = inbox.await(m -> m.toolCall().isPresent(), WAIT);
        List<LiveServerMessage> first = inbox.awaitTurns(1, WAIT);
        assertEquals("I am calling get_weather.", Inbox.outputTranscript(first), "the model talks on: no behavior means NON_BLOCKING");

        String id = call.toolCall().orElseThrow().functionCalls().orElseThrow().get(0).id().orElseThrow();
        session.sendToolResponse(LiveSendToolResponseParameters.builder().functionResponses(FunctionResponse.builder().id(id)
                .name("get_weather").response(Map.of("output", "sunny")).scheduling(FunctionResponseScheduling.Known.WHEN_IDLE))
                .build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> both = inbox.awaitTurns(2, WAIT);
        assertTrue(Inbox.outputTranscript(both).endsWith("The get_weather tool returned {\"output\":\"sunny\"}."), Inbox.outputTranscript(both));
    }

    @Test
    void gemini38ClientContentWithTurnCompleteBargesInMidSession() throws Exception {
        connect(LIVE_38, LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build()).build());
        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("tell me a story " + "about the sea ".repeat(20)).build())
                .get(5, TimeUnit.SECONDS);
        inbox.await(m -> m.serverContent().flatMap(c -> c.modelTurn()).isPresent(), WAIT);

        session.sendClientContent(LiveSendClientContentParameters.builder()
                .turns(Content.builder().role("user").parts(Part.fromText("stop"))).turnComplete(true).build()).get(5, TimeUnit.SECONDS);
        List<LiveServerMessage> all = inbox.awaitTurns(2, WAIT);
        assertTrue(all.stream().anyMatch(m -> m.serverContent().flatMap(c -> c.interrupted()).orElse(false)), "the story was cut off");
        assertTrue(Inbox.outputTranscript(all).endsWith("You said: stop"), Inbox.outputTranscript(all));
    }

    @Test
    void gemini38TakesAContextUpdateFromTheSdkAndGoesOn() throws Exception {
        EmulatorSession es = connect(LIVE_38, LiveConnectConfig.builder().responseModalities(Modality.Known.AUDIO)
                .outputAudioTranscription(AudioTranscriptionConfig.builder().build()).build());
        session.sendContextUpdate(LiveClientContextUpdate.builder()
                .systemInstruction(Content.builder().parts(Part.fromText("Answer in French."))).build()).get(5, TimeUnit.SECONDS);
        session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text("bonjour").build()).get(5, TimeUnit.SECONDS);
        assertEquals("You said: bonjour", Inbox.outputTranscript(inbox.awaitTurns(1, WAIT)));

        ClientMessage update = es.frames().receivedMessages().stream().filter(m -> m.kind() == ClientMessage.Kind.CONTEXT_UPDATE)
                .findFirst().orElseThrow();
        assertEquals("Answer in French.", update.contextUpdate().systemInstruction().text());
        assertFalse(es.closeStatus().isPresent(), "the session stays open");
    }

    private EmulatorSession connect(String model, LiveConnectConfig config) throws Exception {
        int before = emulator.sessions().size();
        session = client.async.live.connect(model, config).thenApply(s -> {
            s.receive(inbox);
            return s;
        }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return emulator.awaitSession(before + 1, WAIT);
    }
}
