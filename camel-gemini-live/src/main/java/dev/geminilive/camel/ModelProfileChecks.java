package dev.geminilive.camel;

import java.util.List;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.protocol.Modality;

/**
 * Refuses, when the route starts, options the model's family does not take, naming the option and the model: what
 * Google would otherwise refuse with a close at the first exchange.
 */
final class ModelProfileChecks {

    private ModelProfileChecks() {
    }

    static void check(GeminiLiveConfiguration c, ModelProfile profile, List<Modality> modalities) {
        String model = c.getModel();
        if (modalities.size() != 1) {
            throw new IllegalArgumentException("responseModalities takes exactly one modality (the Live API accepts one per session), "
                                               + "not: " + c.getResponseModalities());
        }
        Modality modality = modalities.get(0);
        if (!profile.responseModalities().contains(modality)) {
            String hint = modality == Modality.TEXT ? "; use responseModalities=AUDIO with outputAudioTranscription=true to get the "
                                                      + "reply as text too" : "";
            throw new IllegalArgumentException(model + " (" + profile.title() + ") answers only in " + profile.responseModalities()
                                               + ": responseModalities=" + modality + " is not supported" + hint);
        }
        checkThinking(c, profile, model);
        if (c.getProactiveAudio() != null) {
            switch (profile.proactiveAudio()) {
                case UNSUPPORTED -> throw new IllegalArgumentException("proactiveAudio is not supported by " + model);
                case ALWAYS_ON -> {
                    if (!c.getProactiveAudio()) {
                        throw new IllegalArgumentException("proactiveAudio is always on for " + model + "; remove proactiveAudio=false");
                    }
                }
                case OPTIONAL -> {
                }
            }
        }
        if (c.getEnableAffectiveDialog() != null && profile.affectiveDialog() != ModelProfile.AffectiveDialog.OPTIONAL) {
            throw new IllegalArgumentException("enableAffectiveDialog is not supported by " + model
                                               + (profile.affectiveDialog() == ModelProfile.AffectiveDialog.REMOVED ? " (removed in this model)" : ""));
        }
    }

    private static void checkThinking(GeminiLiveConfiguration c, ModelProfile profile, String model) {
        boolean budget = c.getThinkingBudget() != null;
        boolean level = c.getThinkingLevel() != null;
        switch (profile.thinking()) {
            case NONE -> {
                if (budget || level || c.isIncludeThoughts()) {
                    throw new IllegalArgumentException(model + " takes no thinking options: remove "
                                                       + (budget ? "thinkingBudget" : level ? "thinkingLevel" : "includeThoughts"));
                }
            }
            case BUDGET -> {
                if (level) {
                    throw new IllegalArgumentException("thinkingLevel is not supported by " + model + "; use thinkingBudget");
                }
            }
            case LEVEL -> {
                if (budget) {
                    throw new IllegalArgumentException("thinkingBudget is not supported by " + model + "; use thinkingLevel");
                }
                if (level && !profile.thinkingLevels().contains(c.getThinkingLevel().name())) {
                    throw new IllegalArgumentException("thinkingLevel must be one of " + String.join(", ", profile.thinkingLevels())
                                                       + " for " + model + ", not: " + c.getThinkingLevel());
                }
            }
        }
    }
}
