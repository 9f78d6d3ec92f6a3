package dev.geminilive.protocol;

import java.util.List;

/**
 * Streamed input; send one field per message.
 *
 * @param audio          a chunk of PCM audio
 * @param video          one image frame
 * @param text           text typed in realtime
 * @param activityStart  manual VAD: the user starts speaking
 * @param activityEnd    manual VAD: the user stops speaking
 * @param audioStreamEnd the microphone paused; flush cached audio
 * @param mediaChunks    deprecated; 3.x models close with 1007
 */
public record RealtimeInput(
        Blob audio,
        Blob video,
        String text,
        ActivityStart activityStart,
        ActivityEnd activityEnd,
        Boolean audioStreamEnd,
        List<Blob> mediaChunks) {

    public RealtimeInput {
        mediaChunks = mediaChunks == null ? null : List.copyOf(mediaChunks);
    }

    public static RealtimeInput ofAudio(Blob audio) {
        return new RealtimeInput(audio, null, null, null, null, null, null);
    }

    public static RealtimeInput ofVideo(Blob video) {
        return new RealtimeInput(null, video, null, null, null, null, null);
    }

    public static RealtimeInput ofText(String text) {
        return new RealtimeInput(null, null, text, null, null, null, null);
    }

    public static RealtimeInput ofActivityStart() {
        return new RealtimeInput(null, null, null, new ActivityStart(), null, null, null);
    }

    public static RealtimeInput ofActivityEnd() {
        return new RealtimeInput(null, null, null, null, new ActivityEnd(), null, null);
    }

    public static RealtimeInput ofAudioStreamEnd() {
        return new RealtimeInput(null, null, null, null, null, true, null);
    }

    /** Marks the start of user activity; written as {@code {}}. */
    public record ActivityStart() {
    }

    /** Marks the end of user activity; written as {@code {}}. */
    public record ActivityEnd() {
    }
}
