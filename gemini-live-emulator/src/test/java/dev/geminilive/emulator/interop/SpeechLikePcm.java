package dev.geminilive.emulator.interop;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.ArrayList;

/**
 * 16 kHz mono 16-bit little-endian PCM that an energy VAD takes for speech: a voiced signal (a gliding fundamental
 * around 120-170 Hz with decaying harmonics, shaped by a 4 Hz syllable envelope that never drops to silence), followed by
 * quiet background noise. Deterministic, so the emulator's answer is exact.
 */
final class SpeechLikePcm {

    static final int RATE = 16000;
    static final String MIME = "audio/pcm;rate=16000";

    private SpeechLikePcm() {
    }

    /** @return {@code voicedMs} of speech-like sound then {@code quietMs} of low noise (RMS about 60) */
    static byte[] utterance(int voicedMs, int quietMs) {
        int voiced = RATE * voicedMs / 1000;
        int quiet = RATE * quietMs / 1000;
        byte[] out = new byte[(voiced + quiet) * 2];
        double phase = 0;
        for (int i = 0; i < voiced; i++) {
            double t = (double) i / RATE;
            double f0 = 145 + 25 * Math.sin(2 * Math.PI * 1.3 * t); // intonation
            phase += 2 * Math.PI * f0 / RATE;
            double s = 0;
            for (int h = 1; h <= 6; h++) {
                s += Math.sin(h * phase) / h;
            }
            double syllables = 0.55 + 0.45 * Math.pow(Math.sin(Math.PI * 4 * t), 2);
            put(out, i, 6500 * syllables * s);
        }
        Random noise = new Random(42);
        for (int i = voiced; i < voiced + quiet; i++) {
            put(out, i, noise.nextGaussian() * 60);
        }
        return out;
    }

    /** @return the PCM cut into chunks of {@code ms} milliseconds, as a microphone would deliver it */
    static List<byte[]> chunks(byte[] pcm, int ms) {
        int size = RATE * ms / 1000 * 2;
        List<byte[]> out = new ArrayList<>();
        for (int at = 0; at < pcm.length; at += size) {
            out.add(Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + size)));
        }
        return out;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        parts.forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static void put(byte[] out, int sample, double value) {
        int v = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value)));
        out[2 * sample] = (byte) v;
        out[2 * sample + 1] = (byte) (v >> 8);
    }
}
