package dev.geminilive.emulator.scenario;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A scenario rule: on this input, do these steps.
 *
 * @param name    a label for logs and docs
 * @param on      when it fires
 * @param actions the steps, in order (JSON key {@code do})
 * @param times   how many times it may fire per connection; null for always
 */
public record Rule(String name, Trigger on, @JsonProperty("do") List<Action> actions, Integer times) {

    public Rule {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** @return a rule that always fires */
    public static Rule of(Trigger on, Action... actions) {
        return new Rule(null, on, List.of(actions), null);
    }

    /** @return a rule that fires once per connection */
    public static Rule once(Trigger on, Action... actions) {
        return new Rule(null, on, List.of(actions), 1);
    }

    /** @return whether a step answers the turn; otherwise the default brain answers after the steps */
    public boolean answers() {
        return actions.stream().anyMatch(Action::answers);
    }
}
