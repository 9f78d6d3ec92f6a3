package dev.geminilive.camel;

import java.util.Locale;
import java.util.stream.Collectors;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.models.ModelProfiles;

/** The model profile an endpoint follows: the modelProfile option, or the one the shared table gives its model. */
final class Profiles {

    private Profiles() {
    }

    /**
     * @return the profile named by modelProfile (auto: the model's own; gemini-2 and gemini-3 name the 2.5 half-cascade
     *         and 3.1 Flash Live families)
     * @throws IllegalArgumentException naming the option and the profiles there are
     */
    static ModelProfile of(GeminiLiveConfiguration c) {
        String option = c.getModelProfile() == null ? "auto" : c.getModelProfile().trim().toLowerCase(Locale.ROOT);
        return switch (option) {
            case "auto", "" -> ModelProfiles.forModel(c.getModel());
            case "gemini-2" -> ModelProfiles.named("gemini-2.5-half-cascade").orElseThrow();
            case "gemini-3" -> ModelProfiles.named("gemini-3.1-flash-live").orElseThrow();
            default -> ModelProfiles.named(option).orElseThrow(() -> new IllegalArgumentException("modelProfile must be auto or one of "
                    + ModelProfiles.all().stream().map(ModelProfile::name).collect(Collectors.joining(", ")) + ", not: "
                    + c.getModelProfile()));
        };
    }
}
