package dev.geminilive.examples.voice.phone;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.geminilive.audio.MuLaw;
import dev.geminilive.examples.voice.SpokenAudio;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged gateway as README.md says ({@code java -jar examples/voice-phone/target/gemini-live-voice-phone.jar},
 * on a free port instead of 8081), without a key, and places a call on the URL it prints: it answers from its own
 * emulator.
 */
class ReadmeCommandTest {

    private static final Pattern URL = Pattern.compile("media streams at (ws://127\\.0\\.0\\.1:\\d+/media-stream)");

    @Test
    void theReadmeCommandAnswersACallWithoutAKey() throws Exception {
        Path jar = Path.of("target", "gemini-live-voice-phone.jar");
        assertTrue(Files.exists(jar), "package the example first: " + jar.toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--port", "0");
        pb.environment().remove("GEMINI_API_KEY");
        pb.environment().remove("GOOGLE_API_KEY");
        pb.environment().remove("PHONE_STREAM_TOKEN");
        pb.redirectError(new File("target/voice-phone-stderr.txt"));
        Process gateway = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(gateway.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertNotNull(line, "the gateway prints where it listens");
            assertTrue(line.contains("local Gemini Live emulator"), line);
            Matcher m = URL.matcher(line);
            assertTrue(m.find(), line);
            try (MediaStreamClient call = MediaStreamClient.connect(m.group(1), "MZ-readme")) {
                call.start();
                call.speak(MuLaw.encode(SpokenAudio.speak("Hello?", 8000)));
                call.speak(MuLaw.encode(SpokenAudio.silence(800, 8000)));
                MediaStreamClient.Received first = null;
                long end = System.currentTimeMillis() + 15_000;
                while (first == null && System.currentTimeMillis() < end) {
                    MediaStreamClient.Received r = call.next(end - System.currentTimeMillis());
                    if (r != null && r.event().equals("media")) {
                        first = r;
                    }
                }
                assertNotNull(first, "the call is answered");
                assertTrue(first.payload().length == 160);
                call.stop();
            }
        } finally {
            gateway.destroy();
            assertTrue(gateway.waitFor(20, TimeUnit.SECONDS), "the gateway stops on SIGTERM");
        }
    }
}
