package dev.geminilive.examples.voice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged gateway as README.md says ({@code java -jar examples/voice-web/target/gemini-live-voice-web.jar}, on
 * a free port instead of 8080), without a key, and loads the page from the address it prints.
 */
class ReadmeCommandTest {

    private static final Pattern URL = Pattern.compile("open (http://127\\.0\\.0\\.1:\\d+/)");

    @Test
    void theReadmeCommandServesThePageWithoutAKey() throws Exception {
        Path jar = Path.of("target", "gemini-live-voice-web.jar");
        assertTrue(Files.exists(jar), "package the example first: " + jar.toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--port", "0");
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.redirectError(new File("target/voice-web-stderr.txt"));
        Process gateway = pb.start();
        try {
            String line = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertNotNull(line, "the gateway prints where the page is");
            assertTrue(line.contains("local Gemini Live emulator"), line);
            Matcher m = URL.matcher(line);
            assertTrue(m.find(), line);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Gemini Live voice</title>"), page.body());
        } finally {
            gateway.destroy();
            assertTrue(gateway.waitFor(20, TimeUnit.SECONDS), "the gateway stops on SIGTERM");
        }
    }
}
