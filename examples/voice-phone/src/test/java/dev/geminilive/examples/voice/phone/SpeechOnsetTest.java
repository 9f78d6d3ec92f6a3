package dev.geminilive.examples.voice.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.geminilive.audio.MuLaw;
import dev.geminilive.audio.Pcm;
import dev.geminilive.examples.voice.SpokenAudio;
import org.junit.jupiter.api.Test;

/** The gateway's own barge-in trigger, on 20 ms pieces of 16 kHz audio as a call delivers them. */
class SpeechOnsetTest {

    @Test
    void firesOnceWhenSpeechHasLasted100MsAndNotOnNoiseOrAClick() {
        SpeechOnset onset = new SpeechOnset();
        // line noise at about -50 dBFS: never speech
        assertEquals(-1, firstOnset(onset, Pcm.sine(16000, 300, 0.003, 16000)));
        // a 40 ms click: too short
        assertEquals(-1, firstOnset(onset, Pcm.sine(16000, 1000, 0.5, 640)));
        assertEquals(-1, firstOnset(onset, SpokenAudio.silence(200, 16000)));
        // words: fire after 100 ms of voice, once
        byte[] words = MuLaw.decode(MuLaw.encode(SpokenAudio.speak("Hello there, wait a moment.", 16000)));
        int at = firstOnset(onset, words);
        assertEquals(true, at >= 100 && at < 1000, "fired at " + at + " ms");
        // a steady voice (no pauses between words): exactly once
        assertEquals(1, onsets(new SpeechOnset(), Pcm.sine(16000, 220, 0.3, 32000)));
    }

    /** @return the time in ms of the end of the piece that first fired, -1 if none */
    private static int firstOnset(SpeechOnset onset, byte[] pcm) {
        for (int off = 0; off + 640 <= pcm.length; off += 640) {
            if (onset.feed(java.util.Arrays.copyOfRange(pcm, off, off + 640), 16000)) {
                return off / 32 + 20;
            }
        }
        return -1;
    }

    private static int onsets(SpeechOnset onset, byte[] pcm) {
        int n = 0;
        for (int off = 0; off + 640 <= pcm.length; off += 640) {
            if (onset.feed(java.util.Arrays.copyOfRange(pcm, off, off + 640), 16000)) {
                n++;
            }
        }
        return n;
    }
}
