package dev.geminilive.protocol;

import java.util.List;

/**
 * A turn: a role and its parts.
 *
 * @param role  {@code user} or {@code model}; the Gemini API omits it on model turns
 * @param parts the parts of the turn
 */
public record Content(String role, List<Part> parts) {

    public Content {
        parts = parts == null ? null : List.copyOf(parts);
    }

    /** @return a user turn holding one text part */
    public static Content user(String text) {
        return new Content("user", List.of(Part.ofText(text)));
    }

    /** @return a model turn holding one text part */
    public static Content model(String text) {
        return new Content("model", List.of(Part.ofText(text)));
    }

    /** @return text parts without a role, as a system instruction */
    public static Content instruction(String text) {
        return new Content(null, List.of(Part.ofText(text)));
    }

    /** @return the concatenated text of the non-thought text parts, or an empty string */
    public String text() {
        if (parts == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p.text() != null && !Boolean.TRUE.equals(p.thought())) {
                sb.append(p.text());
            }
        }
        return sb.toString();
    }
}
