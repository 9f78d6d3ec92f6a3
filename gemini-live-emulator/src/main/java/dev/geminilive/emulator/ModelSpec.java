package dev.geminilive.emulator;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.models.ModelProfiles;

import java.util.Objects;

/**
 * One model the emulator serves.
 *
 * @param name        the full name clients put in {@code setup.model}, e.g. {@code models/gemini-live-test}
 * @param profile     the rules of its model family (from the shared profile table)
 * @param nativeAudio whether the model refuses the TEXT modality (as the profile says; test models may allow it)
 */
public record ModelSpec(String name, ModelProfile profile, boolean nativeAudio) {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        name = name.startsWith("models/") ? name : "models/" + name;
    }

    /** A model with the profile the shared table gives its id, and the modalities that profile allows. */
    public static ModelSpec of(String name) {
        ModelProfile profile = ModelProfiles.forModel(name);
        return new ModelSpec(name, profile, !profile.answersInText());
    }

    /** @return the id without {@code models/} or a Vertex {@code .../publishers/google/models/} prefix */
    public static String bareId(String name) {
        return ModelProfiles.bareId(name);
    }

    /** @return the id without the {@code models/} prefix */
    public String id() {
        return bareId(name);
    }
}
