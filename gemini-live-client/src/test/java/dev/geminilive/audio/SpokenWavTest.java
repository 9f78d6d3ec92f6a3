package dev.geminilive.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Converts real synthetic speech made by {@code espeak-ng} (22.05 kHz 16-bit mono WAV). Skipped when espeak-ng is not
 * installed; nothing else in the suite needs it.
 */
@EnabledIf("espeakInstalled")
class SpokenWavTest {

    private static final String TEXT = "Hello Gemini. Please book a table for two at seven tonight.";

    @TempDir
    Path dir;

    static boolean espeakInstalled() {
        return onPath("espeak-ng");
    }

    @Test
    void spokenWavFromEspeakIsConvertedTo16kHzKeepingLengthAndLoudness() throws Exception {
        Path wavFile = dir.resolve("spoken.wav");
        run("espeak-ng", "-w", wavFile.toString(), TEXT);
        byte[] wav = Files.readAllBytes(wavFile);

        WavData source = WavReader.read(wav);
        assertEquals(PcmFormat.pcm16Mono(22050), source.format());
        assertTrue(source.duration().toMillis() > 2000, "spoken for " + source.duration());

        byte[] pcm = new AudioInput().toPcm(wav, "audio/wav");
        assertEquals(Resampler.outputSamples(source.frameCount(), 22050, 16000), pcm.length / 2);
        assertEquals(source.duration().toMillis(), Pcm.duration(pcm.length, 16000).toMillis(), 1);

        // speech energy is well below 7.2 kHz, so the level survives the low-pass
        double before = Pcm.dbfs(source.data());
        double after = Pcm.dbfs(pcm);
        assertTrue(before > -40, "source level " + before);
        assertEquals(before, after, 0.2);

        // words and pauses are still told apart by a simple energy detector on 20 ms frames
        int voiced = 0;
        int frames = pcm.length / 640;
        for (int f = 0; f < frames; f++) {
            if (Pcm.dbfs(pcm, f * 640, 640) > -35) {
                voiced++;
            }
        }
        assertTrue(voiced > frames / 3 && voiced < frames, voiced + " of " + frames + " frames voiced");
    }

    @Test
    void espeakStdoutStreamWithPlaceholderSizeIsChunkedWhileItIsRead() throws Exception {
        // espeak-ng --stdout writes data size 0x7FFFF000, not knowing the length; read the pipe incrementally
        Process p = new ProcessBuilder("espeak-ng", "--stdout", TEXT).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<byte[]> chunks = new ArrayList<>();
        try (InputStream out = p.getInputStream()) {
            new AudioInput().forEachChunk(out, null, chunks::add);
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(chunks.size() > 20, chunks.size() + " chunks");
        for (int i = 0; i < chunks.size() - 1; i++) {
            assertEquals(3200, chunks.get(i).length);
        }

        Path wavFile = dir.resolve("same.wav");
        run("espeak-ng", "-w", wavFile.toString(), TEXT);
        WavData file = WavReader.read(Files.readAllBytes(wavFile));
        long expected = Resampler.outputSamples(file.frameCount(), 22050, 16000) * 2;
        long streamed = chunks.stream().mapToLong(c -> c.length).sum();
        assertEquals(expected, streamed);
    }

    @Test
    void conversionAgreesWithSoxResampler() throws Exception {
        assumeTrue(onPath("sox"), "sox not installed");
        Path wavFile = dir.resolve("spoken.wav");
        Path soxFile = dir.resolve("sox16k.wav");
        run("espeak-ng", "-w", wavFile.toString(), TEXT);
        run("sox", wavFile.toString(), "-r", "16000", soxFile.toString());

        short[] ours = Pcm.toSamples(new AudioInput().toPcm(Files.readAllBytes(wavFile), "audio/wav"));
        WavData sox = WavReader.read(Files.readAllBytes(soxFile));
        assertEquals(PcmFormat.PCM16_MONO_16K, sox.format());
        short[] theirs = Pcm.toSamples(sox.data());
        assertEquals(theirs.length, ours.length, 1);

        int n = Math.min(ours.length, theirs.length);
        double dot = 0;
        double a2 = 0;
        double b2 = 0;
        for (int i = 0; i < n; i++) {
            dot += (double) ours[i] * theirs[i];
            a2 += (double) ours[i] * ours[i];
            b2 += (double) theirs[i] * theirs[i];
        }
        double correlation = dot / Math.sqrt(a2 * b2);
        assertTrue(correlation > 0.999, "correlation with sox " + correlation);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " timed out");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + new String(output));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
