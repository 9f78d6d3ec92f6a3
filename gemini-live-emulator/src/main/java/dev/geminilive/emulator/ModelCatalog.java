package dev.geminilive.emulator;

import dev.geminilive.models.ModelProfiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The models the emulator serves, looked up by the name a client sends in {@code setup.model}. */
public final class ModelCatalog {

    /** A 2.5-profile test model that answers in TEXT or AUDIO. */
    public static final String TEST_MODEL = "models/gemini-live-test";
    /** A test model with the 3.1 Flash Live rules that also answers in TEXT (3.x rules without the speech-only restriction). */
    public static final String TEST_MODEL_3 = "models/gemini-3-live-test";

    private final List<ModelSpec> models;

    private ModelCatalog(List<ModelSpec> models) {
        this.models = List.copyOf(models);
    }

    /** @return the catalog of the given models */
    public static ModelCatalog of(List<ModelSpec> models) {
        return new ModelCatalog(models);
    }

    /** @return the default catalog: the current Gemini API Live models, Vertex ids and two test models */
    public static ModelCatalog defaults() {
        List<ModelSpec> list = new ArrayList<>();
        list.add(ModelSpec.of("models/gemini-3.8-live"));
        list.add(ModelSpec.of("models/gemini-3.8-live-extended-thinking"));
        list.add(ModelSpec.of("models/gemini-3.5-transcribe-live-preview"));
        list.add(ModelSpec.of("models/gemini-3.1-flash-live-preview"));
        list.add(ModelSpec.of("models/gemini-2.5-flash-native-audio-preview-12-2025"));
        list.add(ModelSpec.of("models/gemini-2.5-flash-native-audio-latest"));
        list.add(ModelSpec.of("models/gemini-live-2.5-flash-preview"));
        list.add(ModelSpec.of("models/gemini-2.0-flash-live-001"));
        list.add(ModelSpec.of("models/gemini-live-2.5-flash"));
        list.add(ModelSpec.of("models/gemini-live-2.5-flash-preview-native-audio-09-2025"));
        list.add(new ModelSpec(TEST_MODEL, ModelProfiles.named("gemini-2.5-half-cascade").orElseThrow(), false));
        list.add(ModelSpec.of(TEST_MODEL_3));
        return new ModelCatalog(list);
    }

    /**
     * Finds a model by the name a client sent. {@code models/x}, a bare {@code x} and a Vertex
     * {@code projects/p/locations/l/publishers/google/models/x} all find model {@code x}.
     */
    public Optional<ModelSpec> find(String requested) {
        String id = ModelSpec.bareId(requested);
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** @return the served models */
    public List<ModelSpec> models() {
        return models;
    }
}
