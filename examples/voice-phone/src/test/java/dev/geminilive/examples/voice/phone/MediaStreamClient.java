package dev.geminilive.examples.voice.phone;

import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.glassfish.tyrus.client.ClientManager;

/**
 * The provider's side of a media stream, as Twilio Media Streams speak it: connected, start, media (20 ms μ-law frames,
 * sent in real time), mark and stop; every message the gateway sends back is kept with its arrival time.
 */
final class MediaStreamClient implements AutoCloseable {

    /** A message from the gateway and when it arrived ({@link System#nanoTime()}). */
    record Received(JsonNode json, long nanos) {
        String event() {
            return json.path("event").asText();
        }

        byte[] payload() {
            return Base64.getDecoder().decode(json.path("media").path("payload").asText());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    final String streamSid;
    final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Session session;
    private final java.util.concurrent.CompletableFuture<CloseReason> closed = new java.util.concurrent.CompletableFuture<>();
    private int sequence;
    private int chunk;

    private MediaStreamClient(String url, String streamSid) throws IOException, DeploymentException {
        this.streamSid = streamSid;
        this.session = ClientManager.createClient().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session s, EndpointConfig config) {
                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    try {
                        received.add(new Received(JSON.readTree(text), System.nanoTime()));
                    } catch (IOException e) {
                        throw new IllegalStateException("the gateway sent bad JSON: " + text, e);
                    }
                });
            }

            @Override
            public void onClose(Session s, CloseReason reason) {
                closed.complete(reason);
            }
        }, ClientEndpointConfig.Builder.create().build(), URI.create(url));
    }

    static MediaStreamClient connect(String url, String streamSid) throws IOException, DeploymentException {
        return new MediaStreamClient(url, streamSid);
    }

    void start() throws IOException {
        start(null);
    }

    /** Sends connected and start, with the gateway's token as a custom parameter when given. */
    void start(String token) throws IOException {
        String custom = token == null ? "{}" : "{\"token\":\"" + token + "\"}";
        send("{\"event\":\"connected\",\"protocol\":\"Call\",\"version\":\"1.0.0\"}");
        send("{\"event\":\"start\",\"sequenceNumber\":\"" + ++sequence + "\",\"start\":{\"accountSid\":\"AC0\",\"streamSid\":\""
                + streamSid + "\",\"callSid\":\"CA0\",\"tracks\":[\"inbound\"],\"customParameters\":" + custom + ","
                + "\"mediaFormat\":{\"encoding\":\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1}},\"streamSid\":\"" + streamSid + "\"}");
    }

    /** Sends μ-law audio as 20 ms media events, one every 20 ms, as a live call does. */
    void speak(byte[] mulaw) throws IOException, InterruptedException {
        long next = System.nanoTime();
        for (int at = 0; at < mulaw.length; at += 160) {
            byte[] frame = java.util.Arrays.copyOfRange(mulaw, at, Math.min(mulaw.length, at + 160));
            chunk++;
            send("{\"event\":\"media\",\"sequenceNumber\":\"" + ++sequence + "\",\"media\":{\"track\":\"inbound\",\"chunk\":\"" + chunk
                    + "\",\"timestamp\":\"" + chunk * 20 + "\",\"payload\":\"" + Base64.getEncoder().encodeToString(frame)
                    + "\"},\"streamSid\":\"" + streamSid + "\"}");
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /** Tells the gateway that playback reached a mark, as the provider does. */
    void markPlayed(String name) throws IOException {
        send("{\"event\":\"mark\",\"sequenceNumber\":\"" + ++sequence + "\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":\"" + name + "\"}}");
    }

    void stop() throws IOException {
        send("{\"event\":\"stop\",\"sequenceNumber\":\"" + ++sequence + "\",\"streamSid\":\"" + streamSid
                + "\",\"stop\":{\"accountSid\":\"AC0\",\"callSid\":\"CA0\"}}");
    }

    /** @return the next message, or null after the timeout */
    Received next(long timeoutMillis) throws InterruptedException {
        return received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** @return a future that completes with the close reason when the gateway closes the stream */
    java.util.concurrent.CompletableFuture<CloseReason> closed() {
        return closed;
    }

    private synchronized void send(String json) throws IOException {
        session.getBasicRemote().sendText(json);
    }

    @Override
    public void close() throws IOException {
        if (session.isOpen()) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "hang up"));
        }
    }
}
