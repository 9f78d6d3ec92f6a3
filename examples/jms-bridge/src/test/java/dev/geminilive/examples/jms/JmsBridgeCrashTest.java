package dev.geminilive.examples.jms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.geminilive.camel.GeminiLiveMessagingHeaders;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulatorExtension;
import dev.geminilive.emulator.RecordedFrame;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge runs in a separate JVM ({@code JmsBridgeExample --no-console}) against a broker and an emulator in this
 * one, and is killed with SIGKILL — no shutdown hook, no rollback, no close frame — while the emulator is still
 * streaming an answer; then a new bridge JVM is started on the same queue and conversation store.
 */
class JmsBridgeCrashTest {

    /** Slow, chunked answers: about one second per turn, so the kill lands mid-turn. */
    @RegisterExtension
    static GeminiLiveEmulatorExtension emulator = GeminiLiveEmulatorExtension.builder().apiKey("test-key")
            .chunkDelay(Duration.ofMillis(40)).build();

    static final int QUESTIONS = 9;

    @TempDir
    Path store;

    EmbeddedBroker broker;
    QueueClient client;
    Process bridge;
    int started;

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker(JmsBridgeTest.freePort(), null);
        client = new QueueClient(broker.connectionFactory());
    }

    @AfterEach
    void stop() throws Exception {
        if (bridge != null) {
            bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        client.close();
        broker.close();
    }

    @Test
    void everyQuestionAnsweredExactlyOnceAcrossRouteCrash() throws Exception {
        bridge = startBridge();
        Map<String, String> questions = new HashMap<>();   // correlation id -> question
        Map<String, String> conversations = new HashMap<>();
        for (int i = 1; i <= QUESTIONS; i++) {
            String conversation = "c" + (i % 3 + 1);
            String id = "q-" + i;
            String text = "question " + i + " of " + conversation;
            questions.put(id, text);
            conversations.put(id, conversation);
            client.ask(conversation, id, text);
        }
        assertTrue(client.awaitReplies(2, Duration.ofSeconds(45)).size() >= 2, "the bridge answers");

        List<String> inFlight = awaitTurnInProgress(Duration.ofSeconds(20));
        bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);   // SIGKILL while the model is still answering
        int beforeRestart = client.received().size();
        assertTrue(beforeRestart < QUESTIONS, "killed before everything was answered");

        bridge = startBridge();
        List<TextMessage> replies = client.awaitReplies(QUESTIONS, Duration.ofSeconds(50));
        replies = client.drain(Duration.ofSeconds(2));   // anything more would be a duplicate

        Map<String, Integer> perQuestion = new HashMap<>();
        for (TextMessage reply : replies) {
            String id = reply.getJMSCorrelationID();
            perQuestion.merge(id, 1, Integer::sum);
            assertEquals("You said: " + questions.get(id), reply.getText(), "the answer to its own question " + id);
            assertEquals(conversations.get(id), reply.getStringProperty(GeminiLiveMessagingHeaders.CONVERSATION_ID));
            assertEquals(reply.getText(), reply.getStringProperty(GeminiLiveMessagingHeaders.OUTPUT_TRANSCRIPTION));
            assertTrue(reply.getIntProperty(GeminiLiveMessagingHeaders.TOTAL_TOKENS) > 0);
        }
        assertEquals(questions.keySet(), perQuestion.keySet(), "no question missing");
        perQuestion.forEach((id, n) -> assertEquals(1, n, "answered exactly once: " + id));
        assertEquals(QUESTIONS, replies.size());
        for (String text : inFlight) {
            assertTrue(JmsBridgeTest.heardBy(emulator.sessions(), text) >= 2,
                    "the question cut off mid-answer was asked again after the restart: " + text);
        }
        assertEquals(0, broker.messageCount(JmsBridgeRoute.QUESTIONS));
        assertEquals(0, broker.messageCount(EmbeddedBroker.DLQ));
    }

    @Test
    void conversationMemorySurvivesBridgeCrash() throws Exception {
        bridge = startBridge();
        client.ask("ada", "m-1", "My name is Ada");
        assertEquals("Nice to meet you, Ada.", client.next(Duration.ofSeconds(45)).getText());
        bridge.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        bridge = startBridge();
        client.ask("ada", "m-2", "What is my name?");
        TextMessage reply = client.next(Duration.ofSeconds(45));
        assertEquals("m-2", reply.getJMSCorrelationID());
        assertEquals("Your name is Ada.", reply.getText(), "the new bridge goes on with the stored conversation");
    }

    /**
     * Waits until the emulator has started answering a turn and not finished it; @return the user text of each turn
     * in progress then.
     */
    private static List<String> awaitTurnInProgress(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            List<String> inFlight = new ArrayList<>();
            for (EmulatorSession s : emulator.sessions()) {
                if (!s.isOpen()) {
                    continue;
                }
                List<RecordedFrame> frames = s.allFrames();
                int modelFrames = 0;
                String question = null;
                for (RecordedFrame f : frames) {
                    if (f.isOut() && f.json().contains("\"turnComplete\"")) {
                        modelFrames = 0;
                        question = null;
                    } else if (f.isOut() && f.json().contains("\"modelTurn\"")) {
                        modelFrames++;
                    } else if (f.isIn() && f.json().contains("question ")) {
                        question = f.json().replaceAll(".*(question \\d+ of c\\d).*", "$1");
                    }
                }
                if (modelFrames >= 3 && question != null) {
                    inFlight.add(question);
                }
            }
            if (!inFlight.isEmpty()) {
                return inFlight;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no turn in progress within " + timeout);
    }

    private Process startBridge() throws Exception {
        started++;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), JmsBridgeExample.class.getName(),
                "--broker=" + broker.tcpUrl(), "--gemini-url=" + emulator.url(), "--store=" + store, "--consumers=3",
                "--no-console");
        pb.environment().put("GEMINI_API_KEY", "test-key");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.redirectError(new File("target/jms-bridge-" + started + "-stderr.txt"));
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null;) {
                    if (line.equals(JmsBridgeExample.READY)) {
                        return true;
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(ready.get(60, TimeUnit.SECONDS), "the bridge started; see target/jms-bridge-" + started + "-stderr.txt");
        return p;
    }
}
