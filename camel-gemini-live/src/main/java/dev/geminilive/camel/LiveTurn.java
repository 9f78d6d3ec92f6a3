package dev.geminilive.camel;

import java.util.List;
import java.util.Map;

import dev.geminilive.audio.WavWriter;
import dev.geminilive.protocol.UsageMetadata;

/**
 * One finished model turn, assembled from its streamed parts: the reply of an InOut exchange with replyFormat=turn, and
 * the body of consumer exchanges with aggregate=turn.
 *
 * @param conversationId      the conversation the turn belongs to
 * @param text                the model's text parts, concatenated (empty for audio-only turns)
 * @param audio               the model's audio: 16-bit mono PCM at {@code audioSampleRate}, concatenated (empty if none)
 * @param audioSampleRate     the sample rate of {@code audio} (24000 on the Live API)
 * @param inputTranscription  what the user said, when inputAudioTranscription is on
 * @param outputTranscription what the model said, when outputAudioTranscription is on
 * @param thoughts            thought summaries, when includeThoughts is on
 * @param usage               token usage, or null
 * @param interrupted         whether the user cut the turn off
 * @param turnCompleteReason  why the turn ended when not normally, or null
 * @param groundingMetadata   Google Search grounding, or null
 */
public record LiveTurn(
        String conversationId,
        String text,
        byte[] audio,
        int audioSampleRate,
        String inputTranscription,
        String outputTranscription,
        List<String> thoughts,
        UsageMetadata usage,
        boolean interrupted,
        String turnCompleteReason,
        Map<String, Object> groundingMetadata) {

    public LiveTurn {
        thoughts = thoughts == null ? List.of() : List.copyOf(thoughts);
    }

    /** @return the text parts, or the output transcription when the model spoke */
    public String replyText() {
        if (text != null && !text.isEmpty()) {
            return text;
        }
        return outputTranscription == null ? "" : outputTranscription;
    }

    /** @return whether the turn carried audio */
    public boolean hasAudio() {
        return audio != null && audio.length > 0;
    }

    /** @return the audio as a WAV file */
    public byte[] wav() {
        return WavWriter.toWav(audio == null ? new byte[0] : audio, audioSampleRate);
    }

    /** @return the MIME type of {@link #audio()} */
    public String audioMimeType() {
        return "audio/pcm;rate=" + audioSampleRate;
    }

    @Override
    public String toString() {
        return "LiveTurn[" + conversationId + ", text=" + replyText().length() + " chars, audio=" + (audio == null ? 0 : audio.length)
                + " bytes" + (interrupted ? ", interrupted" : "") + "]";
    }
}
