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
import org.junit.jupiter.api.BeforeEach;
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

    /** Debian's packages; {@code -Dchromium.binary} and {@code -Dchromedriver.binary} point elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private static GeminiLiveEmulator emulator;
    private static VoiceWebGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        // answers are sent at once, as Google's service generates faster than it speaks: the page holds the rest of an
        // answer in its buffer, and Gemini has nothing left to interrupt when the user talks over it
        emulator = GeminiLiveEmulator.builder().start();
        gateway = VoiceWebGateway.start(GeminiBackend.of(emulator), "127.0.0.1", 0);
    }

    /** Reported as a skipped test, with this message, where Chromium is missing (the class-level form shows as no test). */
    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Browser test skipped: " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; install Debian's chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver), as .ci/run does");
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

            // barge-in: the microphone speaks again while the first answer plays; the page drops what it had queued
            wait.until(b -> b.findElement(By.id("buffered")).getAttribute("data-clears") != null);
            wait.until(b -> !b.findElements(By.cssSelector("#transcript li.model.interrupted")).isEmpty());
            List<String> sent = emulator.lastSession().orElseThrow().frames().sent().stream().map(f -> f.json()).toList();
            int interruptedAt = indexOf(sent, "\"interrupted\":true");
            int firstAudio = indexOf(sent, "\"inlineData\"");
            if (interruptedAt < 0 || firstAudio < interruptedAt) {
                // the answer was out before the words over it (a loaded machine may deliver them together, and then
                // Gemini interrupts before answering): it was the page that stopped it, dropping what it held
                assertTrue(Integer.parseInt(browser.findElement(By.id("buffered")).getAttribute("data-cleared-ms")) > 0,
                        "the barge-in dropped queued audio");
            }

            // the answer to what was said over it: its transcript on the page, its audio through the jitter buffer
            wait.until(b -> b.findElements(By.cssSelector("#transcript li.model:not(.interrupted)")).stream()
                    .anyMatch(li -> li.getText().endsWith("seconds of audio.")));
            String transcript = browser.findElement(By.id("transcript")).getText();
            assertTrue(transcript.matches("(?s).*Gemini: I heard \\d+\\.\\d seconds of audio\\..*"), transcript);
            wait.until(b -> "0".equals(b.findElement(By.id("buffered")).getAttribute("data-ms"))
                    && Integer.parseInt(b.findElement(By.id("played")).getAttribute("data-ms")) >= 1000);
            int played = Integer.parseInt(browser.findElement(By.id("played")).getAttribute("data-ms"));
            int received = Integer.parseInt(browser.findElement(By.id("played")).getAttribute("data-received-ms"));
            int cleared = Integer.parseInt(browser.findElement(By.id("buffered")).getAttribute("data-cleared-ms"));
            assertEquals(received - cleared, played, 5, "everything played but what the barge-in dropped");

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
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\npage transcript:\n" + browser.findElement(By.id("transcript")).getText()
                    + "\nemulator sent:\n" + emulator.sessions().stream().flatMap(x -> x.frames().sent().stream())
                            .map(f -> f.json().length() > 160 ? f.json().substring(0, 160) : f.json())
                            .collect(java.util.stream.Collectors.joining("\n")), e);
        } finally {
            browser.quit();
        }
    }

    /**
     * Words spoken by espeak-ng (or a speech-like signal); a pause in which the answer starts; more words over the
     * answer; silence so that the second turn ends.
     */
    private static Path spokenWav() throws Exception {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        // the fake microphone starts with the capture, before the Live session is open; audio held meanwhile reaches
        // the server in a burst, so the words begin once the session is surely open and the audio flows in real time
        pcm.writeBytes(SpokenAudio.silence(2500, 16000));
        pcm.writeBytes(SpokenAudio.speak("Hello Gemini, can you hear me?", 16000));
        pcm.writeBytes(SpokenAudio.silence(1300, 16000));
        pcm.writeBytes(SpokenAudio.speak("Wait, stop.", 16000));
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

    private static int indexOf(List<String> frames, String part) {
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).contains(part)) {
                return i;
            }
        }
        return -1;
    }

    private static double loudest100Ms(byte[] pcm) {
        double loudest = -200;
        for (int at = 0; at + 3200 <= pcm.length; at += 3200) {
            loudest = Math.max(loudest, Pcm.dbfs(pcm, at, 3200));
        }
        return loudest;
    }
}
