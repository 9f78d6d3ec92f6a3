package dev.geminilive.protocol;

import java.util.List;

/**
 * One client-to-server frame. Exactly one field is set, as the proto oneof {@code BidiGenerateContentClientMessage} requires.
 *
 * @param setup         the first message of every connection
 * @param clientContent conversation turns appended to the context
 * @param realtimeInput streamed audio, video, text or activity markers
 * @param toolResponse  answers to a {@link ToolCall}
 * @param contextUpdate a new system instruction or tool list for the running session
 */
public record ClientMessage(Setup setup, ClientContent clientContent, RealtimeInput realtimeInput, ToolResponse toolResponse,
        ContextUpdate contextUpdate) {

    /** Which of the five client messages a frame carries. */
    public enum Kind { SETUP, CLIENT_CONTENT, REALTIME_INPUT, TOOL_RESPONSE, CONTEXT_UPDATE }

    public ClientMessage {
        int set = (setup != null ? 1 : 0) + (clientContent != null ? 1 : 0) + (realtimeInput != null ? 1 : 0)
                + (toolResponse != null ? 1 : 0) + (contextUpdate != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("A client message must carry exactly one of setup, clientContent, realtimeInput, "
                    + "toolResponse, contextUpdate; it carries " + set);
        }
    }

    /** The four messages known before {@code contextUpdate}; that one stays unset. */
    public ClientMessage(Setup setup, ClientContent clientContent, RealtimeInput realtimeInput, ToolResponse toolResponse) {
        this(setup, clientContent, realtimeInput, toolResponse, null);
    }

    /** @return the kind of this message */
    public Kind kind() {
        if (setup != null) {
            return Kind.SETUP;
        }
        if (clientContent != null) {
            return Kind.CLIENT_CONTENT;
        }
        if (realtimeInput != null) {
            return Kind.REALTIME_INPUT;
        }
        return toolResponse != null ? Kind.TOOL_RESPONSE : Kind.CONTEXT_UPDATE;
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

    public static ClientMessage of(ContextUpdate update) {
        return new ClientMessage(null, null, null, null, update);
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
