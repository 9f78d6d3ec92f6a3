package dev.geminilive.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import dev.geminilive.protocol.Modality;
import org.junit.jupiter.api.Test;

class ModelProfilesTest {

    @Test
    void theTableHasTheSixFamiliesAndTheEmulatorsTestModelAndEveryRuleHasADateASourceAndAFidelity() {
        assertEquals(List.of("gemini-2.5-half-cascade", "gemini-2.5-native-audio", "gemini-3.1-flash-live", "gemini-3.8-live",
                "gemini-3.8-live-extended-thinking", "gemini-3.5-transcribe", "emulator-test-3"), ModelProfiles.all().stream().map(ModelProfile::name).toList());
        for (ModelProfile p : ModelProfiles.all()) {
            // every typed view can be read from every profile
            assertFalse(p.responseModalities().isEmpty(), p.name());
            assertNotNull(p.clientContent());
            p.acceptsMediaChunks();
            p.multiPartEvents();
            assertNotNull(p.thinking());
            assertNotNull(p.nonBlockingTools());
            assertNotNull(p.proactiveAudio());
            assertNotNull(p.affectiveDialog());
            assertTrue(p.defaultTurnCoverage().startsWith("TURN_INCLUDES_"), p.name());
            p.rejectsNullHandle();
            p.sendsLeadingUsage();
            p.textModalityCloseCode();
            for (ProfileRule r : p.rules().values()) {
                assertTrue(r.checked().isAfter(LocalDate.of(2025, 1, 1)) && !r.source().isBlank(), p.name() + " " + r.aspect());
                assertNotNull(r.fidelity());
            }
        }
    }

    @Test
    void modelIdsFindTheirProfileExactlyOrByTheLongestPrefix() {
        assertEquals("gemini-3.8-live", ModelProfiles.forModel("models/gemini-3.8-live").name());
        assertEquals("gemini-3.8-live-extended-thinking", ModelProfiles.forModel("gemini-3.8-live-extended-thinking").name());
        assertEquals("gemini-3.1-flash-live", ModelProfiles.forModel("models/gemini-3.1-flash-live-preview").name());
        assertEquals("gemini-3.5-transcribe", ModelProfiles.forModel("gemini-3.5-transcribe-live-preview").name());
        assertEquals("gemini-2.5-native-audio", ModelProfiles.forModel("gemini-2.5-flash-native-audio-preview-12-2025").name());
        assertEquals("gemini-2.5-half-cascade", ModelProfiles.forModel("models/gemini-live-2.5-flash-preview").name());
        assertEquals("gemini-2.5-native-audio",
                ModelProfiles.forModel("projects/p/locations/us-central1/publishers/google/models/gemini-live-2.5-flash-preview-native-audio-09-2025").name());
        assertEquals("gemini-3.1-flash-live", ModelProfiles.forModel("gemini-3.9-something-new").name(), "an unknown 3.x id");
        assertEquals(ModelProfiles.DEFAULT_MODEL, ModelProfiles.forModel(ModelProfiles.DEFAULT_MODEL).name());
    }

    @Test
    void threePointEightSpeaksOnlyDefaultsToNonBlockingToolsAndTakesNoThinkingWhileItsExtendedSiblingTakesLevels() {
        ModelProfile live = ModelProfiles.named("gemini-3.8-live").orElseThrow();
        assertEquals(Set.of(Modality.AUDIO), live.responseModalities());
        assertEquals(ModelProfile.NonBlockingTools.DEFAULT, live.nonBlockingTools());
        assertEquals(ModelProfile.Thinking.NONE, live.thinking());
        assertEquals(ModelProfile.ClientContentRule.WHOLE_SESSION, live.clientContent());
        assertEquals(ModelProfile.ProactiveAudio.ALWAYS_ON, live.proactiveAudio());
        assertEquals(ModelProfile.AffectiveDialog.REMOVED, live.affectiveDialog());

        ModelProfile extended = ModelProfiles.named("gemini-3.8-live-extended-thinking").orElseThrow();
        assertEquals(ModelProfile.Thinking.LEVEL, extended.thinking());
        assertEquals(List.of("LOW", "MEDIUM", "HIGH"), extended.thinkingLevels());
        assertEquals(ModelProfile.NonBlockingTools.DEFAULT, extended.nonBlockingTools(), "the rest is inherited");

        assertTrue(ModelProfiles.named("gemini-3.5-transcribe").orElseThrow().transcribeOnly());
        assertTrue(ModelProfiles.named("gemini-2.5-half-cascade").orElseThrow().answersInText());
        assertEquals(1011, ModelProfiles.named("gemini-3.1-flash-live").orElseThrow().textModalityCloseCode());
    }
}
