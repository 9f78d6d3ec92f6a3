package dev.geminilive.emulator;

import java.util.Base64;

import dev.geminilive.emulator.audio.Pcm16;

/** Test audio frames. */
final class Audio {

    private Audio() {
    }

    static String chunk(byte[] pcm, int rate) {
        return "{\"realtimeInput\":{\"audio\":{\"mimeType\":\"audio/pcm;rate=" + rate + "\",\"data\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}}}";
    }

    static String speech(int ms) {
        return chunk(Pcm16.tone(16000, 440, ms, 8000), 16000);
    }

    static String silence(int ms) {
        return chunk(Pcm16.silence(16000, ms), 16000);
    }
}
