package dev.geminilive.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.protocol.GenerationConfig;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.ThinkingConfig;

/** The checks the real server makes on a setup message before it answers setupComplete. */
final class SetupRules {

    private SetupRules() {
    }

    /**
     * @param setup the parsed setup
     * @param raw   the whole frame as a JSON tree, for what the record cannot show (an explicit {@code null})
     * @return the served model
     * @throws ProtocolException with the close code and reason of the first rule broken
     */
    static ModelSpec validate(Setup setup, JsonNode raw, LivePath path, ModelCatalog catalog) {
        ModelSpec model = catalog.find(setup.model())
                .orElseThrow(() -> new ProtocolException(CloseReasons.POLICY_VIOLATION,
                        CloseReasons.modelNotFound(setup.model(), path.apiVersion()), null));
        ModelProfile profile = model.profile();
        boolean alpha = path.apiVersion().equals("v1alpha");
        GenerationConfig gen = setup.generationConfig();
        if (setup.proactivity() != null) {
            if (!alpha) {
                throw unknownField("proactivity", "setup");
            }
            boolean off = Boolean.FALSE.equals(setup.proactivity().proactiveAudio());
            switch (profile.proactiveAudio()) {
                case UNSUPPORTED -> throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
                case ALWAYS_ON -> {
                    if (off) {
                        throw invalid("proactive audio is always on for " + model.id() + "; do not set proactive_audio to false");
                    }
                }
                case OPTIONAL -> {
                }
            }
        }
        if (gen != null && gen.enableAffectiveDialog() != null) {
            if (!alpha) {
                throw unknownField("enableAffectiveDialog", "setup.generation_config");
            }
            if (profile.affectiveDialog() != ModelProfile.AffectiveDialog.OPTIONAL) {
                throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
            }
        }
        List<Modality> modalities = gen == null ? null : gen.responseModalities();
        if (modalities != null && modalities.size() > 1) {
            // a Live session answers in one modality; the server refuses a list such as [TEXT, AUDIO]
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT + " Only one response modality is supported per session.", null);
        }
        if (modalities != null && modalities.contains(Modality.TEXT) && model.nativeAudio()) {
            throw profile.textModalityCloseCode() == CloseReasons.INTERNAL_ERROR
                    ? new ProtocolException(CloseReasons.INTERNAL_ERROR, CloseReasons.INTERNAL_ENCOUNTERED, null)
                    : new ProtocolException(CloseReasons.NON_AUDIO_REQUEST, null);
        }
        if (profile.transcribeOnly() && modalities != null && modalities.contains(Modality.AUDIO)) {
            throw invalid(model.id() + " only transcribes: response_modalities must be TEXT");
        }
        checkThinking(gen, profile, model);
        if (!path.vertex()) {
            refuseVertexOnlyFields(setup);
        }
        if (profile.rejectsNullHandle() && explicitNullHandle(raw)) {
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
        }
        return model;
    }

    /**
     * Fields only Vertex AI's Live API has: the Gemini API's parser does not know them (the SDKs refuse them for the Gemini
     * API before sending), so they close 1007 with the unknown-field wording there.
     */
    private static void refuseVertexOnlyFields(Setup setup) {
        if (setup.sessionResumption() != null && setup.sessionResumption().transparent() != null) {
            throw unknownField("transparent", "setup.session_resumption");
        }
        if (setup.explicitVadSignal() != null) {
            throw unknownField("explicit_vad_signal", "setup");
        }
        if (setup.avatarConfig() != null) {
            throw unknownField("avatar_config", "setup");
        }
        if (setup.safetySettings() != null) {
            for (int i = 0; i < setup.safetySettings().size(); i++) {
                if (setup.safetySettings().get(i).method() != null) {
                    throw unknownField("method", "setup.safety_settings[" + i + "]");
                }
            }
        }
        if (setup.inputAudioTranscription() != null && setup.inputAudioTranscription().customVocabulary() != null) {
            throw unknownField("custom_vocabulary", "setup.input_audio_transcription");
        }
        if (setup.outputAudioTranscription() != null && setup.outputAudioTranscription().customVocabulary() != null) {
            throw unknownField("custom_vocabulary", "setup.output_audio_transcription");
        }
    }

    private static void checkThinking(GenerationConfig gen, ModelProfile profile, ModelSpec model) {
        ThinkingConfig thinking = gen == null ? null : gen.thinkingConfig();
        if (thinking == null) {
            return;
        }
        switch (profile.thinking()) {
            case NONE -> throw invalid("thinking_config is not supported by " + model.id());
            case BUDGET -> {
                if (thinking.thinkingLevel() != null) {
                    throw invalid("thinking_level is not supported by " + model.id() + "; use thinking_budget");
                }
            }
            case LEVEL -> {
                if (thinking.thinkingBudget() != null) {
                    throw invalid("thinking_budget is not supported by " + model.id() + "; use thinking_level");
                }
                String level = thinking.thinkingLevel();
                if (level != null && !profile.thinkingLevels().contains(level.toUpperCase(java.util.Locale.ROOT))) {
                    throw invalid("thinking_level must be one of " + String.join(", ", profile.thinkingLevels()) + ", not " + level);
                }
            }
        }
    }

    /** 1007 with Google's generic wording and what was wrong. */
    private static ProtocolException invalid(String detail) {
        return new ProtocolException(CloseReasons.INVALID_ARGUMENT + " " + detail, null);
    }

    private static ProtocolException unknownField(String name, String at) {
        return new ProtocolException("Invalid JSON payload received. Unknown name \"" + name + "\" at '" + at + "': Cannot find field.", null);
    }

    private static boolean explicitNullHandle(JsonNode raw) {
        JsonNode setup = raw.path("setup");
        JsonNode resumption = setup.has("sessionResumption") ? setup.get("sessionResumption") : setup.path("session_resumption");
        return resumption.has("handle") && resumption.get("handle").isNull();
    }
}
