package dev.geminilive.camel;

import java.util.Locale;

/** How a model family takes text: 2.x models take clientContent turns; 3.x models take realtimeInput.text. */
public enum ModelProfile {
    /** clientContent at any time. */
    GEMINI_2,
    /** clientContent only to seed history (with historyConfig); text goes as realtimeInput.text. */
    GEMINI_3;

    /**
     * @param option the modelProfile option: auto, gemini-2 or gemini-3
     * @param model  the model name, used by auto
     */
    public static ModelProfile of(String option, String model) {
        String o = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
        switch (o) {
            case "gemini-2":
                return GEMINI_2;
            case "gemini-3":
                return GEMINI_3;
            case "auto":
                String id = model == null ? "" : model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                return id.startsWith("gemini-3") ? GEMINI_3 : GEMINI_2;
            default:
                throw new IllegalArgumentException("modelProfile must be auto, gemini-2 or gemini-3, not: " + option);
        }
    }
}
