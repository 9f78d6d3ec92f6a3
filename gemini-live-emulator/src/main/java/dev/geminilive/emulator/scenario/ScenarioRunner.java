package dev.geminilive.emulator.scenario;

import java.util.Optional;

/** Matches inputs against a scenario for one connection, counting how often each rule fired. Single-threaded use. */
public final class ScenarioRunner {

    private final Scenario scenario;
    private final int[] fired;

    public ScenarioRunner(Scenario scenario) {
        this.scenario = scenario;
        this.fired = new int[scenario.rules().size()];
    }

    /** @return the first rule that matches and may still fire; counts the firing */
    public Optional<Rule> match(InputEvent event) {
        for (int i = 0; i < fired.length; i++) {
            Rule r = scenario.rules().get(i);
            if (r.on() != null && (r.times() == null || fired[i] < r.times()) && r.on().matches(event)) {
                fired[i]++;
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
