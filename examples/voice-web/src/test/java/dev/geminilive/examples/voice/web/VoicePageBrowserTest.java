package dev.geminilive.examples.voice.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import dev.geminilive.audio.Pcm;
import dev.geminilive.audio.WavWriter;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.ReceivedAudio;
import dev.geminilive.examples.voice.GeminiBackend;
import dev.geminilive.examples.voice.SpokenAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The voice page in headless Chromium, whose fake microphone plays a spoken WAV: the page connects to the gateway,
 * streams the microphone, the emulator hears 16 kHz PCM with speech in it, the spoken answer plays and its transcript
 * shows. A screenshot is saved as target/voice-web.png.
 */
class VoicePageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static GeminiLiveEmulator emulator;
    private static VoiceWebGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: install Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver); .ci/run does");
        emulator = GeminiLiveEmulator.builder().chunkDelay(GeminiBackend.SPEAKING_PACE).start();
        gateway = VoiceWebGateway.start(GeminiBackend.of(emulator), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void pageStreamsTheMicrophoneAndPlaysAndShowsTheAnswer() throws Exception {
        Path wav = spokenWav();
        WebDriver browser = chromium(wav);
        try {
            browser.get(gateway.url());
            assertEquals("disconnected", status(browser));
            browser.findElement(By.id("camera")).click();
            browser.findElement(By.id("start")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            wait.until(b -> "connected".equals(status(b)));

            // the model's answer: its transcript on the page, its audio through the jitter buffer to the speaker
            wait.until(b -> b.findElement(By.id("transcript")).getText().contains("seconds of audio."));
            String transcript = browser.findElement(By.id("transcript")).getText();
            assertTrue(transcript.matches("(?s).*Gemini: I heard \\d+\\.\\d seconds of audio\\..*"), transcript);
            wait.until(b -> Integer.parseInt(b.findElement(By.id("played")).getAttribute("data-ms")) >= 1000);

            // the emulator heard the microphone as 16 kHz PCM, with the spoken words in it
            EmulatorSession session = emulator.awaitSession(1, Duration.ofSeconds(5));
            List<ReceivedAudio> chunks = emulator.receivedAudioChunks(session.conversationId());
            assertTrue(chunks.stream().allMatch(c -> c.sampleRate() == 16000), "the page sends 16 kHz PCM");
            byte[] heard = emulator.receivedAudio(session.conversationId());
            assertTrue(heard.length >= 32000, "at least a second of microphone audio: " + heard.length + " bytes");
            assertTrue(loudest100Ms(heard) > -30, "the spoken words reached Gemini: loudest 100 ms at " + loudest100Ms(heard) + " dBFS");
            // read in this order: the page counts a chunk before the emulator can have it
            long atEmulator = emulator.receivedAudioBytes(session.conversationId());
            long sentByPage = Long.parseLong(browser.findElement(By.id("sent")).getAttribute("data-bytes"));
            assertTrue(atEmulator <= sentByPage, "nothing but what the page sent: " + atEmulator + " > " + sentByPage);

            // camera frames went as JPEG, at most one a second
            wait.until(b -> Integer.parseInt(b.findElement(By.id("frames")).getAttribute("data-count")) >= 2);
            long images = session.frames().received().stream().filter(f -> f.json().contains("image/jpeg")).count();
            double seconds = Duration.between(session.openedAt(), java.time.Instant.now()).toMillis() / 1000.0;
            assertTrue(images >= 1 && images <= seconds + 1, images + " frames in " + seconds + " s");

            Path shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, Path.of("target", "voice-web.png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }

    /** Words spoken by espeak-ng (or a speech-like signal), then silence so that the turn ends. */
    private static Path spokenWav() throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        pcm.writeBytes(SpokenAudio.silence(300, 16000));
        pcm.writeBytes(SpokenAudio.speak("Hello Gemini, can you hear me?", 16000));
        pcm.writeBytes(SpokenAudio.silence(3000, 16000));
        Path wav = Path.of("target", "fake-microphone.wav").toAbsolutePath();
        Files.write(wav, WavWriter.toWav(pcm.toByteArray(), 16000));
        return wav;
    }

    private static WebDriver chromium(Path wav) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,760",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--autoplay-policy=no-user-gesture-required",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav + "%noloop");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static String status(WebDriver browser) {
        return browser.findElement(By.id("status")).getAttribute("data-status");
    }

    private static double loudest100Ms(byte[] pcm) {
        double loudest = -200;
        for (int at = 0; at + 3200 <= pcm.length; at += 3200) {
            loudest = Math.max(loudest, Pcm.dbfs(pcm, at, 3200));
        }
        return loudest;
    }
}
