package dev.geminilive.models;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One rule of a model profile, with where it comes from.
 *
 * @param aspect   what the rule is about, e.g. {@code clientContent}
 * @param value    its value as data (a string, boolean, number or list)
 * @param checked  when the source was read
 * @param source   where it is written or reported
 * @param fidelity how sure it is
 */
public record ProfileRule(String aspect, JsonNode value, LocalDate checked, String source, Fidelity fidelity) {

    /** How sure a rule is. */
    public enum Fidelity {
        /** Google's documentation or API reference says so. */
        DOCUMENTED,
        /** Others report seeing it (issues, SDK test recordings); not in Google's docs. */
        OBSERVED,
        /** Neither: our best reading, to be checked against the real server. */
        GUESS
    }

    /** @return the value as text, lists joined with ", " */
    public String valueText() {
        if (value.isArray()) {
            StringBuilder s = new StringBuilder();
            value.forEach(v -> s.append(s.length() == 0 ? "" : ", ").append(v.asText()));
            return s.toString();
        }
        return value.asText();
    }
}
