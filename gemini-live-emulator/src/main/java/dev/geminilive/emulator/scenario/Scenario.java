package dev.geminilive.emulator.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;

import dev.geminilive.protocol.LiveCodec;

/**
 * Scripted behaviour: rules checked in order before the default brain; the first that matches an input fires.
 * See docs/emulator.md for the JSON format.
 *
 * @param name  a label
 * @param rules the rules
 */
public record Scenario(String name, List<Rule> rules) {

    public Scenario {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /** @return a scenario without rules: the default brain answers everything */
    public static Scenario empty() {
        return new Scenario("default", List.of());
    }

    /** @return a scenario of these rules */
    public static Scenario of(Rule... rules) {
        return new Scenario("inline", List.of(rules));
    }

    /** @return this scenario followed by the rules of {@code other} */
    public Scenario and(Scenario other) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(other.rules);
        return new Scenario(name, all);
    }

    /**
     * Parses a scenario; unknown fields are errors, so that a typo does not silently disable a rule.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static Scenario parse(String json) {
        try {
            return LiveCodec.lenient().mapper().readerFor(Scenario.class)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Invalid scenario: " + e.getMessage(), e);
        }
    }

    /** Loads a scenario file. */
    public static Scenario load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Loads a scenario from the classpath, e.g. {@code scenarios/weather-tool.json}. */
    public static Scenario fromClasspath(String resource) throws IOException {
        try (var in = Scenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("No scenario resource " + resource);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
