package dev.geminilive.bench;

import com.google.genai.AsyncSession;
import com.google.genai.Client;
import com.google.genai.types.Blob;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.FunctionResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.LiveConnectConfig;
import com.google.genai.types.LiveSendRealtimeInputParameters;
import com.google.genai.types.LiveSendToolResponseParameters;
import com.google.genai.types.LiveServerContent;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Modality;
import com.google.genai.types.Part;
import com.google.genai.types.SessionResumptionConfig;
import com.google.genai.types.Tool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Logger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Google's Java SDK (google-genai), Live API through {@code client.async.live}. The SDK always dials {@code wss://};
 * an OkHttp application interceptor turns that back into plain {@code ws://} for 127.0.0.1, so it reaches the
 * emulator over the same plain socket as the others (no TLS cost for one contender only).
 */
final class GenaiContender implements Contender {

    /** Held so that the level sticks: the SDK logs every session's close at INFO. */
    private static final Logger GENAI_LOG = Logger.getLogger("com.google.genai");

    static {
        GENAI_LOG.setLevel(java.util.logging.Level.WARNING);
        // The SDK's connect() completes on setupComplete, before receive() can register a callback, so the server's
        // next frame (the first resumption update) is dropped with a SEVERE line per session; that frame carries
        // nothing the measurement needs, and a thousand such lines would bury the run's output.
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.setFilter(r -> r.getMessage() == null || !r.getMessage().startsWith("Received message from live session, but no callback"));
        }
    }

    private final Client client;

    GenaiContender(String emulatorHttpUrl) {
        // Each Live session holds one OkHttp dispatcher call (and its thread) for as long as it is open, and the
        // dispatcher runs at most 64 calls (5 per host) by default: the 65th session would wait for a free slot
        // forever. A user with many sessions has to raise the limits as here.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1_000_000);
        dispatcher.setMaxRequestsPerHost(1_000_000);
        OkHttpClient ok = new OkHttpClient.Builder().dispatcher(dispatcher).addInterceptor(chain -> {
            Request r = chain.request();
            if (r.url().isHttps() && r.url().host().equals("127.0.0.1")) {
                r = r.newBuilder().url(r.url().newBuilder().scheme("http").build()).build();
            }
            return chain.proceed(r);
        }).build();
        client = Client.builder().apiKey(Protocol.API_KEY)
                .httpOptions(HttpOptions.builder().baseUrl(emulatorHttpUrl).build())
                .clientOptions(ClientOptions.builder().customHttpClient(ok).build())
                .build();
    }

    @Override
    public String name() {
        return "genai";
    }

    @Override
    public Conversation open(String id, boolean tools) throws Exception {
        LiveConnectConfig.Builder cfg = LiveConnectConfig.builder()
                .responseModalities(Modality.Known.TEXT)
                .sessionResumption(SessionResumptionConfig.builder().build());
        if (tools) {
            cfg.tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder()
                    .name(Protocol.FUNCTION).description("Current weather in a city").build()).build());
        }
        AsyncSession session = client.async.live.connect(Protocol.MODEL, cfg.build())
                .get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        GenaiConversation c = new GenaiConversation(session);
        session.receive(c::onMessage);
        return c;
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class GenaiConversation implements Conversation {
        private final AsyncSession session;
        private volatile CompletableFuture<String> turn = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        GenaiConversation(AsyncSession session) {
            this.session = session;
        }

        void onMessage(LiveServerMessage m) {
            if (m.toolCall().isPresent()) {
                List<FunctionResponse> out = new ArrayList<>();
                for (FunctionCall fc : m.toolCall().get().functionCalls().orElse(List.of())) {
                    out.add(FunctionResponse.builder().id(fc.id().orElse("")).name(fc.name().orElse(""))
                            .response(Map.of("output", Map.of("tempC", 21))).build());
                }
                session.sendToolResponse(LiveSendToolResponseParameters.builder().functionResponses(out).build());
                return;
            }
            if (m.serverContent().isPresent()) {
                LiveServerContent c = m.serverContent().get();
                c.modelTurn().flatMap(t -> t.parts()).ifPresent(parts -> {
                    for (Part p : parts) {
                        p.text().ifPresent(text::append);
                    }
                });
                if (c.turnComplete().orElse(false)) {
                    String answer = text.toString();
                    text.setLength(0);
                    turn.complete(answer);
                }
            }
        }

        @Override
        public String ask(String prompt) throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            turn = f;
            session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder().text(prompt).build());
            return f.get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void sendAudio(byte[] pcm) throws Exception {
            session.sendRealtimeInput(LiveSendRealtimeInputParameters.builder()
                    .audio(Blob.builder().mimeType(Protocol.AUDIO_MIME).data(pcm).build()).build())
                    .get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            session.close().get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
