package dev.geminilive.examples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged example exactly as README.md says ({@code java -jar examples/chat/target/gemini-live-chat.jar}), types
 * questions on its stdin and reads the answers from its stdout.
 */
class ReadmeCommandTest {

    @Test
    void theReadmeCommandAnswersTypedQuestionsAndRemembersEarlierTurns() throws Exception {
        Path jar = Path.of("target", "gemini-live-chat.jar");
        assertTrue(Files.exists(jar), "package the example first: " + jar.toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString());
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.redirectError(new File("target/chat-example-stderr.txt"));
        Process process = pb.start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write("My name is Ada\nWhat is my name?\nexit\n".getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example exits after 'exit'");
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("User> "), out);
        assertTrue(out.contains("Gemini> Nice to meet you, Ada."), out);
        assertTrue(out.contains("Gemini> Your name is Ada."), "the session remembers the first turn:\n" + out);
    }
}
