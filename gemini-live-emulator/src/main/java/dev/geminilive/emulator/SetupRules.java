package dev.geminilive.emulator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.Setup;

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
        boolean alpha = path.apiVersion().equals("v1alpha");
        if (setup.proactivity() != null && !alpha) {
            throw unknownField("proactivity", "setup");
        }
        boolean affective = setup.generationConfig() != null && setup.generationConfig().enableAffectiveDialog() != null;
        if (affective && !alpha) {
            throw unknownField("enableAffectiveDialog", "setup.generation_config");
        }
        if ((setup.proactivity() != null || affective) && model.profile() == ModelProfile.GEMINI_3) {
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
        }
        List<Modality> modalities = setup.generationConfig() == null ? null : setup.generationConfig().responseModalities();
        if (modalities != null && modalities.size() > 1) {
            // a Live session answers in one modality; the server refuses a list such as [TEXT, AUDIO]
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT + " Only one response modality is supported per session.", null);
        }
        if (model.nativeAudio() && modalities != null && modalities.contains(Modality.TEXT)) {
            throw new ProtocolException(CloseReasons.NON_AUDIO_REQUEST, null);
        }
        if (model.profile().rejectsNullHandle() && explicitNullHandle(raw)) {
            throw new ProtocolException(CloseReasons.INVALID_ARGUMENT, null);
        }
        return model;
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
