package dev.geminilive.protocol;

import java.util.List;

/**
 * {@code BidiGenerateContentClientContextUpdate}: changes the system instruction and the tools of a running session.
 * Only the fields that are set change; the server applies the update in order with the rest of the input.
 * <p>
 * The tools travel in a wrapper object, {@code {"tools": {"tools": [...]}}}, so that "no change" (wrapper absent) and
 * "remove every tool" (wrapper holding an empty list) look different on the wire; a bare repeated field could not tell
 * them apart. Shape as in the google-genai Java, Python and .NET types ({@code LiveClientContextUpdate},
 * {@code LiveClientContextUpdateTools}) and Python's {@code send_context_update}, which agree; the JavaScript sources read
 * (2.18) predate the message.
 *
 * @param systemInstruction the new system instruction, replacing the one given in setup; null keeps it
 * @param tools             the new tools, replacing all earlier ones; null keeps them
 */
public record ContextUpdate(Content systemInstruction, Tools tools) {

    /**
     * The replacement tool list.
     *
     * @param tools the tools the model may use from now on; empty removes them all
     */
    public record Tools(List<Tool> tools) {

        public Tools {
            tools = tools == null ? null : List.copyOf(tools);
        }
    }

    /** @return an update that only replaces the system instruction with this text */
    public static ContextUpdate ofSystemInstruction(String text) {
        return new ContextUpdate(Content.instruction(text), null);
    }

    /** @return an update that only replaces the tools (an empty list removes them all) */
    public static ContextUpdate ofTools(List<Tool> tools) {
        return new ContextUpdate(null, new Tools(tools));
    }
}
