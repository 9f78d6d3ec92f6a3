package dev.geminilive.protocol;

import java.util.List;

/**
 * One client-to-server frame. Exactly one field is set, as the proto oneof {@code BidiGenerateContentClientMessage} requires.
 *
 * @param setup         the first message of every connection
 * @param clientContent conversation turns appended to the context
 * @param realtimeInput streamed audio, video, text or activity markers
 * @param toolResponse  answers to a {@link ToolCall}
 */
public record ClientMessage(Setup setup, ClientContent clientContent, RealtimeInput realtimeInput, ToolResponse toolResponse) {

    /** Which of the four client messages a frame carries. */
    public enum Kind { SETUP, CLIENT_CONTENT, REALTIME_INPUT, TOOL_RESPONSE }

    public ClientMessage {
        int set = (setup != null ? 1 : 0) + (clientContent != null ? 1 : 0) + (realtimeInput != null ? 1 : 0)
                + (toolResponse != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(
                    "A client message must carry exactly one of setup, clientContent, realtimeInput, toolResponse; it carries " + set);
        }
    }

    /** @return the kind of this message */
    public Kind kind() {
        if (setup != null) {
            return Kind.SETUP;
        }
        if (clientContent != null) {
            return Kind.CLIENT_CONTENT;
        }
        return realtimeInput != null ? Kind.REALTIME_INPUT : Kind.TOOL_RESPONSE;
    }

    public static ClientMessage of(Setup setup) {
        return new ClientMessage(setup, null, null, null);
    }

    public static ClientMessage of(ClientContent content) {
        return new ClientMessage(null, content, null, null);
    }

    public static ClientMessage of(RealtimeInput input) {
        return new ClientMessage(null, null, input, null);
    }

    public static ClientMessage of(ToolResponse response) {
        return new ClientMessage(null, null, null, response);
    }

    /** A completed user text turn sent as {@code clientContent}. */
    public static ClientMessage userTurn(String text) {
        return of(new ClientContent(List.of(Content.user(text)), true));
    }

    /** User text sent as {@code realtimeInput.text} (the form 3.x models require after the first turn). */
    public static ClientMessage realtimeText(String text) {
        return of(RealtimeInput.ofText(text));
    }

    /** One chunk of audio as {@code realtimeInput.audio}. */
    public static ClientMessage audio(String mimeType, byte[] data) {
        return of(RealtimeInput.ofAudio(new Blob(mimeType, data)));
    }

    /** One image frame as {@code realtimeInput.video}. */
    public static ClientMessage video(String mimeType, byte[] data) {
        return of(RealtimeInput.ofVideo(new Blob(mimeType, data)));
    }
}
