package dev.geminilive.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import dev.geminilive.protocol.Modality;

/**
 * The rules a family of Live models follows (which inputs it takes, what it answers with, which setup fields it
 * refuses), as data: each rule keeps the date and source it comes from. The emulator enforces these rules and the
 * component adapts to them; both read them from here. See {@link ModelProfiles} for the table.
 */
public final class ModelProfile {

    /** When clientContent is accepted. */
    public enum ClientContentRule {
        /** At any time (2.x). */
        ANYTIME,
        /** For the whole session, with explicit roles; {@code turnComplete: true} interrupts generation (3.x now). */
        WHOLE_SESSION,
        /** Only to seed history at the start, with {@code historyConfig} (3.1 at its release). */
        SEED_ONLY,
        /** Never (a transcription model takes audio only). */
        NEVER
    }

    /** What the model does with {@code behavior: NON_BLOCKING} function declarations. */
    public enum NonBlockingTools {
        /** Honoured when declared. */
        SUPPORTED,
        /** The default behaviour; BLOCKING still accepted. */
        DEFAULT,
        /** Not supported: the model waits for every call. */
        IGNORED
    }

    /** Which thinking setting the model takes. */
    public enum Thinking {
        /** {@code thinkingBudget} (tokens). */
        BUDGET,
        /** {@code thinkingLevel}. */
        LEVEL,
        /** No thinking configuration: it must be omitted. */
        NONE
    }

    /** Whether {@code proactivity.proactiveAudio} may be sent. */
    public enum ProactiveAudio {
        /** Not supported: the field is refused. */
        UNSUPPORTED,
        /** May be turned on (v1alpha). */
        OPTIONAL,
        /** Always on: sending {@code false} is an error. */
        ALWAYS_ON
    }

    /** Whether {@code enableAffectiveDialog} may be sent. */
    public enum AffectiveDialog {
        /** Not supported. */
        UNSUPPORTED,
        /** May be turned on (v1alpha). */
        OPTIONAL,
        /** Removed: the field must not be sent. */
        REMOVED
    }

    private final String name;
    private final String title;
    private final List<String> models;
    private final List<String> prefixes;
    private final Map<String, ProfileRule> rules;

    ModelProfile(String name, String title, List<String> models, List<String> prefixes, Map<String, ProfileRule> rules) {
        this.name = name;
        this.title = title;
        this.models = List.copyOf(models);
        this.prefixes = List.copyOf(prefixes);
        this.rules = Collections.unmodifiableMap(rules);
    }

    /** @return the profile's name, e.g. {@code gemini-3.8-live} */
    public String name() {
        return name;
    }

    /** @return a human title */
    public String title() {
        return title;
    }

    /** @return the model ids this profile is for */
    public List<String> models() {
        return models;
    }

    /** @return id prefixes that select this profile for models the table does not list */
    public List<String> prefixes() {
        return prefixes;
    }

    /** @return every rule, by aspect */
    public Map<String, ProfileRule> rules() {
        return rules;
    }

    /** @return the rule about this aspect */
    public ProfileRule rule(String aspect) {
        ProfileRule r = rules.get(aspect);
        if (r == null) {
            throw new IllegalStateException("Model profile " + name + " has no rule '" + aspect + "'");
        }
        return r;
    }

    /** @return the response modalities the model accepts (one per session) */
    public Set<Modality> responseModalities() {
        Set<Modality> set = EnumSet.noneOf(Modality.class);
        rule("responseModalities").value().forEach(v -> set.add(Modality.valueOf(v.asText())));
        return set;
    }

    /** @return whether the model can answer in text (else it only speaks) */
    public boolean answersInText() {
        return responseModalities().contains(Modality.TEXT);
    }

    /** @return when clientContent is accepted */
    public ClientContentRule clientContent() {
        return enumValue("clientContent", ClientContentRule.class);
    }

    /** @return whether the deprecated {@code realtimeInput.mediaChunks} is accepted */
    public boolean acceptsMediaChunks() {
        return rule("mediaChunks").value().asBoolean();
    }

    /** @return whether one server event may carry several parts (e.g. audio and its transcript) */
    public boolean multiPartEvents() {
        return rule("partsPerEvent").value().asInt() > 1;
    }

    /** @return which thinking setting the model takes */
    public Thinking thinking() {
        return enumValue("thinking", Thinking.class);
    }

    /** @return the thinkingLevel values accepted (empty unless {@link #thinking()} is LEVEL) */
    public List<String> thinkingLevels() {
        ProfileRule r = rules.get("thinkingLevels");
        List<String> levels = new ArrayList<>();
        if (r != null) {
            r.value().forEach(v -> levels.add(v.asText()));
        }
        return levels;
    }

    /** @return what the model does with NON_BLOCKING function declarations */
    public NonBlockingTools nonBlockingTools() {
        return enumValue("nonBlockingTools", NonBlockingTools.class);
    }

    /** @return whether proactive audio may be set */
    public ProactiveAudio proactiveAudio() {
        return enumValue("proactiveAudio", ProactiveAudio.class);
    }

    /** @return whether affective dialog may be set */
    public AffectiveDialog affectiveDialog() {
        return enumValue("affectiveDialog", AffectiveDialog.class);
    }

    /** @return the turn coverage when the setup gives none */
    public String defaultTurnCoverage() {
        return rule("defaultTurnCoverage").value().asText();
    }

    /** @return whether an explicit {@code sessionResumption.handle: null} closes the connection */
    public boolean rejectsNullHandle() {
        return "rejected".equals(rule("nullResumptionHandle").value().asText());
    }

    /** @return whether each model turn starts with a serverContent that only carries usageMetadata */
    public boolean sendsLeadingUsage() {
        return rule("leadingUsage").value().asBoolean();
    }

    /** @return the close code for asking a speech-only model for TEXT (1007 or 1011), or 0 when TEXT is accepted */
    public int textModalityCloseCode() {
        String v = rule("textModalityRefusal").value().asText();
        return "none".equals(v) ? 0 : Integer.parseInt(v);
    }

    /** @return whether the model only transcribes audio (no conversation) */
    public boolean transcribeOnly() {
        ProfileRule r = rules.get("transcribeOnly");
        return r != null && r.value().asBoolean();
    }

    private <E extends Enum<E>> E enumValue(String aspect, Class<E> type) {
        String v = rule(aspect).value().asText();
        // camelCase in the table (wholeSession) to the enum's WHOLE_SESSION
        String constant = v.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return Enum.valueOf(type, constant);
    }

    /** @return whether this profile is for the model id (exact match) */
    boolean lists(String id) {
        return models.contains(id);
    }

    static JsonNode requireValue(JsonNode rule, String aspect, String profile) {
        JsonNode v = rule.get("value");
        if (v == null) {
            throw new IllegalStateException("Rule " + aspect + " of model profile " + profile + " has no value");
        }
        return v;
    }

    @Override
    public String toString() {
        return "ModelProfile[" + name + "]";
    }
}
