package dev.geminilive.bench;

import dev.geminilive.client.LiveClient;
import dev.geminilive.client.LiveEndpoint;
import dev.geminilive.client.LiveListener;
import dev.geminilive.client.LiveSession;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.GenerationConfig;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionConfig;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.Tool;
import dev.geminilive.protocol.ToolResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The project's own {@link LiveClient}: records, codec, ordered writer; no Camel. */
final class LiveClientContender implements Contender {

    private final LiveClient client = LiveClient.builder().build();
    private final LiveEndpoint endpoint;

    LiveClientContender(String emulatorUrl) {
        endpoint = LiveEndpoint.geminiApi(emulatorUrl, null, Protocol.API_KEY);
    }

    @Override
    public String name() {
        return "liveclient";
    }

    static Setup setup(boolean tools) {
        Setup.Builder b = Setup.builder("models/" + Protocol.MODEL)
                .generationConfig(GenerationConfig.of(Modality.TEXT))
                .sessionResumption(SessionResumptionConfig.newSession());
        if (tools) {
            b.tools(List.of(Tool.functions(List.of(
                    new FunctionDeclaration(Protocol.FUNCTION, "Current weather in a city", null, null, null, null)))));
        }
        return b.build();
    }

    @Override
    public Conversation open(String id, boolean tools) throws Exception {
        ClientConversation c = new ClientConversation();
        c.session = client.connect(endpoint, setup(tools), c).get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return c;
    }

    @Override
    public void close() {
        client.close();
    }

    private static final class ClientConversation implements Conversation, LiveListener {
        volatile LiveSession session;
        private volatile CompletableFuture<String> turn = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public void onMessage(ServerMessage m) {
            if (m.toolCall() != null) {
                List<FunctionResponse> out = new ArrayList<>();
                for (FunctionCall fc : m.toolCall().functionCalls()) {
                    out.add(FunctionResponse.output(fc.id(), fc.name(), Map.of("tempC", 21)));
                }
                session.send(ClientMessage.of(new ToolResponse(out)));
                return;
            }
            if (m.serverContent() != null) {
                if (m.serverContent().modelTurn() != null && m.serverContent().modelTurn().parts() != null) {
                    for (Part p : m.serverContent().modelTurn().parts()) {
                        if (p.text() != null) {
                            text.append(p.text());
                        }
                    }
                }
                if (Boolean.TRUE.equals(m.serverContent().turnComplete())) {
                    String answer = text.toString();
                    text.setLength(0);
                    turn.complete(answer);
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            turn.completeExceptionally(error);
        }

        @Override
        public String ask(String prompt) throws Exception {
            CompletableFuture<String> f = new CompletableFuture<>();
            turn = f;
            session.send(ClientMessage.realtimeText(prompt));
            return f.get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void sendAudio(byte[] pcm) throws Exception {
            // the same as a Camel InOnly audio exchange: done once the frame is written
            session.send(ClientMessage.audio(Protocol.AUDIO_MIME, pcm)).get(Protocol.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            session.close();
        }
    }
}
