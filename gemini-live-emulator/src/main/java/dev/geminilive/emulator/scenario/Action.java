package dev.geminilive.emulator.scenario;

import java.util.List;
import java.util.Map;

/**
 * One step of a rule. Exactly one field is set.
 *
 * @param reply            answer with this text, in the session's modality (text chunks, or speech + transcription)
 * @param replyAudio       answer with speech for this text whatever the modality
 * @param toolCall         send one toolCall message with these calls
 * @param goAway           send goAway with this timeLeft ({@code "5s"}); the connection still ends at its lifetime
 * @param resumptionUpdate true: send a sessionResumptionUpdate with a fresh handle
 * @param drop             true: end the TCP connection with no close frame
 * @param close            send a close frame
 * @param stall            freeze the session (no output, no input processed) for this many ms
 * @param malformed        send a frame that is not valid JSON (this text, or a default when empty)
 * @param delay            wait this many ms before the next step
 * @param asText           treat the turn as if the user had said this, and answer with the default brain
 * @param send             send this JSON object as a server message, unchecked
 * @param silence          true: the model does not answer this turn
 * @param frameDelay       from now on delay each server frame of this connection by this many ms
 */
public record Action(
        String reply,
        String replyAudio,
        List<Call> toolCall,
        String goAway,
        Boolean resumptionUpdate,
        Boolean drop,
        Close close,
        Long stall,
        String malformed,
        Long delay,
        String asText,
        Map<String, Object> send,
        Boolean silence,
        Long frameDelay) {

    /**
     * One function call.
     *
     * @param name the function
     * @param args its arguments
     */
    public record Call(String name, Map<String, Object> args) {
    }

    /**
     * A close frame.
     *
     * @param code   the close code
     * @param reason the reason
     */
    public record Close(int code, String reason) {
    }

    public static Action ofReply(String text) {
        return new Action(text, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action ofReplyAudio(String text) {
        return new Action(null, text, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action ofToolCall(List<Call> calls) {
        return new Action(null, null, calls, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action ofGoAway(String timeLeft) {
        return new Action(null, null, null, timeLeft, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action ofResumptionUpdate() {
        return new Action(null, null, null, null, true, null, null, null, null, null, null, null, null, null);
    }

    public static Action ofDrop() {
        return new Action(null, null, null, null, null, true, null, null, null, null, null, null, null, null);
    }

    public static Action ofClose(int code, String reason) {
        return new Action(null, null, null, null, null, null, new Close(code, reason), null, null, null, null, null, null, null);
    }

    public static Action ofStall(long ms) {
        return new Action(null, null, null, null, null, null, null, ms, null, null, null, null, null, null);
    }

    public static Action ofMalformed() {
        return new Action(null, null, null, null, null, null, null, null, "", null, null, null, null, null);
    }

    public static Action ofDelay(long ms) {
        return new Action(null, null, null, null, null, null, null, null, null, ms, null, null, null, null);
    }

    public static Action ofAsText(String text) {
        return new Action(null, null, null, null, null, null, null, null, null, null, text, null, null, null);
    }

    public static Action ofSilence() {
        return new Action(null, null, null, null, null, null, null, null, null, null, null, null, true, null);
    }

    /** @return whether this step makes the model say or do something for the turn (so the default answer is not added) */
    public boolean answers() {
        return reply != null || replyAudio != null || toolCall != null || asText != null || Boolean.TRUE.equals(silence);
    }
}
