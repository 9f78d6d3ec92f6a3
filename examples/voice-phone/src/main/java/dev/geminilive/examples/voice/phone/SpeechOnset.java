package dev.geminilive.examples.voice.phone;

import dev.geminilive.audio.Pcm;

/**
 * Notices the caller starting to speak, from the level of the incoming audio: {@link #MIN_SPEECH_MILLIS} in a row
 * louder than {@link #THRESHOLD_DBFS}. Gemini's own activity detection reports a barge-in only while it is still
 * generating; an answer is generated faster than it is spoken, so the caller may talk over the part the provider is
 * still playing after Gemini has finished. This catches that case on the gateway. The threshold sits well above line
 * noise and the echo a handset's echo canceller lets through, and well below a voice at normal level.
 */
final class SpeechOnset {

    /** Level above which a 20 ms frame counts as voiced. */
    static final double THRESHOLD_DBFS = -30;
    /** Voiced time needed to call it speech, so a click or a cough does not cut an answer off. */
    static final int MIN_SPEECH_MILLIS = 100;

    private int voicedMillis;

    /**
     * @param pcm16 the next piece of caller audio, 16-bit little-endian mono
     * @param sampleRate its sample rate
     * @return true once, when speech has just started
     */
    boolean feed(byte[] pcm16, int sampleRate) {
        if (pcm16.length < 2) {
            return false;
        }
        int millis = (int) Math.round(pcm16.length / 2 * 1000.0 / sampleRate);
        if (Pcm.dbfs(pcm16) > THRESHOLD_DBFS) {
            boolean before = voicedMillis >= MIN_SPEECH_MILLIS;
            voicedMillis += millis;
            return !before && voicedMillis >= MIN_SPEECH_MILLIS;
        }
        voicedMillis = 0;
        return false;
    }
}
