package dev.geminilive.emulator;

import java.util.Locale;
import java.util.Objects;

/**
 * One model the emulator serves.
 *
 * @param name        the full name clients put in {@code setup.model}, e.g. {@code models/gemini-live-test}
 * @param profile     the 2.5 or 3.x rule set
 * @param nativeAudio whether the model only speaks (TEXT modality closes with 1007, as on native-audio models)
 */
public record ModelSpec(String name, ModelProfile profile, boolean nativeAudio) {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        name = name.startsWith("models/") ? name : "models/" + name;
    }

    /**
     * A model whose profile and audio kind are guessed from its id: ids starting {@code gemini-3} get the 3.x
     * profile; ids containing {@code native-audio} or starting {@code gemini-3.1-flash-live} are native audio.
     */
    public static ModelSpec of(String name) {
        String bare = bareId(name);
        boolean nativeAudio = bare.contains("native-audio") || bare.startsWith("gemini-3.1-flash-live");
        return new ModelSpec(name, ModelProfile.forModelId(bare), nativeAudio);
    }

    /** @return the id without {@code models/} or a Vertex {@code .../publishers/google/models/} prefix */
    public static String bareId(String name) {
        if (name == null) {
            return "";
        }
        int i = name.lastIndexOf("models/");
        return (i < 0 ? name : name.substring(i + "models/".length())).trim().toLowerCase(Locale.ROOT);
    }

    /** @return the id without the {@code models/} prefix */
    public String id() {
        return bareId(name);
    }
}
