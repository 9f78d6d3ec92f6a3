package dev.geminilive.examples.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.geminilive.audio.AudioFormatException;
import dev.geminilive.audio.Pcm;
import dev.geminilive.audio.PcmFormat;
import dev.geminilive.audio.Resampler;
import dev.geminilive.audio.WavData;
import dev.geminilive.audio.WavReader;

/**
 * Speech for trying a gateway without a person at a microphone or a phone: words spoken by espeak-ng when it is
 * installed, else a deterministic speech-like signal ({@link Pcm#speechLike}), which voice activity detection hears
 * as speech just the same.
 */
public final class SpokenAudio {

    private SpokenAudio() {
    }

    /**
     * @param text the words
     * @param sampleRate the wanted sample rate
     * @return 16-bit little-endian mono PCM of the words at that rate
     */
    public static byte[] speak(String text, int sampleRate) {
        byte[] espeak = espeak(text);
        if (espeak != null) {
            WavData wav = WavReader.read(espeak);
            PcmFormat f = wav.format();
            if (f.isPcm16Mono()) {
                return Resampler.resample(wav.data(), f.sampleRate(), sampleRate);
            }
        }
        // about 75 ms per character is an unhurried speaking rate
        return Pcm.speechLike(sampleRate, Math.max(600, 75 * text.length()), text.hashCode());
    }

    /** @return whether espeak-ng is on the PATH */
    public static boolean hasEspeak() {
        return espeak("test") != null;
    }

    /**
     * @param millis the length
     * @param sampleRate the sample rate
     * @return digital silence
     */
    public static byte[] silence(int millis, int sampleRate) {
        return new byte[2 * (int) ((long) sampleRate * millis / 1000)];
    }

    private static byte[] espeak(String text) {
        Path wav = null;
        try {
            wav = Files.createTempFile("spoken", ".wav");
            Process p = new ProcessBuilder("espeak-ng", "-w", wav.toString(), text).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            byte[] bytes = Files.readAllBytes(wav);
            return bytes.length > 44 && WavReader.isWav(bytes) ? bytes : null;
        } catch (IOException | AudioFormatException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (wav != null) {
                try {
                    Files.deleteIfExists(wav);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
    }
}
