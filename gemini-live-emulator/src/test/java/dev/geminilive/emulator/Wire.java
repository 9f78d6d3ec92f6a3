package dev.geminilive.emulator;

import java.util.Map;

import dev.geminilive.protocol.ServerMessage;

/** Small helpers shared by the emulator tests. */
final class Wire {

    static final String KEY = "test-key";
    static final Map<String, String> KEY_HEADER = Map.of("x-goog-api-key", KEY);

    private Wire() {
    }

    static String setup(String model) {
        return "{\"setup\":{\"model\":\"" + model + "\"}}";
    }

    static String textSetup(String model) {
        return "{\"setup\":{\"model\":\"" + model + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]}}}";
    }

    static String userTurn(String text) {
        return "{\"clientContent\":{\"turns\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + text + "\"}]}],\"turnComplete\":true}}";
    }

    static String realtimeText(String text) {
        return "{\"realtimeInput\":{\"text\":\"" + text + "\"}}";
    }

    /** Opens a v1beta connection with the test key, sends setup and waits for setupComplete. */
    static RawLiveClient open(GeminiLiveEmulator emulator, String setupJson) throws Exception {
        RawLiveClient c = RawLiveClient.connect(emulator.liveUrl("v1beta"), KEY_HEADER);
        c.send(setupJson);
        c.await(m -> m.setupComplete() != null);
        return c;
    }

    /** Opens a Vertex AI connection (v1beta1, a Bearer token), for what only Vertex accepts; sends setup and waits. */
    static RawLiveClient openVertex(GeminiLiveEmulator emulator, String setupJson) throws Exception {
        RawLiveClient c = RawLiveClient.connect(emulator.url() + LivePath.vertex("v1beta1"), java.util.Map.of("Authorization", "Bearer ya29.test"));
        c.send(setupJson);
        c.await(m -> m.setupComplete() != null);
        return c;
    }

    static boolean isTurnComplete(ServerMessage m) {
        return m.serverContent() != null && m.serverContent().isTurnComplete();
    }

    /** @return the model text of the messages, concatenated */
    static String text(java.util.List<ServerMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ServerMessage m : messages) {
            if (m.serverContent() != null && m.serverContent().modelTurn() != null) {
                sb.append(m.serverContent().modelTurn().text());
            }
        }
        return sb.toString();
    }

    /** @return the output transcription of the messages, concatenated */
    static String transcript(java.util.List<ServerMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ServerMessage m : messages) {
            if (m.serverContent() != null && m.serverContent().outputTranscription() != null) {
                sb.append(m.serverContent().outputTranscription().text());
            }
        }
        return sb.toString();
    }
}
