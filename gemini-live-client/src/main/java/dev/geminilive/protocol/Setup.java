package dev.geminilive.protocol;

import java.util.List;
import java.util.Map;

/**
 * {@code BidiGenerateContentSetup}: the first message of a connection.
 *
 * @param model                    {@code models/{id}} on the Gemini API
 * @param generationConfig         modalities, sampling, speech and thinking settings
 * @param systemInstruction        text parts only
 * @param tools                    function declarations and built-in tools
 * @param realtimeInputConfig      voice activity detection and turn coverage
 * @param sessionResumption        {@code {}} to start a resumable session, or a handle to resume one
 * @param contextWindowCompression sliding-window compression settings
 * @param inputAudioTranscription  {@code {}} turns on transcription of input audio
 * @param outputAudioTranscription {@code {}} turns on transcription of output audio
 * @param proactivity              v1alpha, 2.5 native audio only
 * @param historyConfig            required on 3.x to seed history through clientContent
 * @param safetySettings           safety thresholds
 * @param avatarConfig             avatar output (allowlisted)
 * @param explicitVadSignal        Vertex only: send voice activity signals
 * @param labels                   user-defined metadata (billing labels), key to value
 */
public record Setup(
        String model,
        GenerationConfig generationConfig,
        Content systemInstruction,
        List<Tool> tools,
        RealtimeInputConfig realtimeInputConfig,
        SessionResumptionConfig sessionResumption,
        ContextWindowCompression contextWindowCompression,
        AudioTranscriptionConfig inputAudioTranscription,
        AudioTranscriptionConfig outputAudioTranscription,
        Proactivity proactivity,
        HistoryConfig historyConfig,
        List<SafetySetting> safetySettings,
        AvatarConfig avatarConfig,
        Boolean explicitVadSignal,
        Map<String, String> labels) {

    public Setup {
        tools = tools == null ? null : List.copyOf(tools);
        safetySettings = safetySettings == null ? null : List.copyOf(safetySettings);
        labels = labels == null ? null : Map.copyOf(labels);
    }

    /** The fields known before {@code labels}; labels stay unset. */
    public Setup(String model, GenerationConfig generationConfig, Content systemInstruction, List<Tool> tools,
            RealtimeInputConfig realtimeInputConfig, SessionResumptionConfig sessionResumption,
            ContextWindowCompression contextWindowCompression, AudioTranscriptionConfig inputAudioTranscription,
            AudioTranscriptionConfig outputAudioTranscription, Proactivity proactivity, HistoryConfig historyConfig,
            List<SafetySetting> safetySettings, AvatarConfig avatarConfig, Boolean explicitVadSignal) {
        this(model, generationConfig, systemInstruction, tools, realtimeInputConfig, sessionResumption, contextWindowCompression,
                inputAudioTranscription, outputAudioTranscription, proactivity, historyConfig, safetySettings, avatarConfig,
                explicitVadSignal, null);
    }

    /** @return a builder for a setup message with the given model */
    public static Builder builder(String model) {
        return new Builder().model(model);
    }

    /** @return a builder initialised from this setup */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.generationConfig = generationConfig;
        b.systemInstruction = systemInstruction;
        b.tools = tools;
        b.realtimeInputConfig = realtimeInputConfig;
        b.sessionResumption = sessionResumption;
        b.contextWindowCompression = contextWindowCompression;
        b.inputAudioTranscription = inputAudioTranscription;
        b.outputAudioTranscription = outputAudioTranscription;
        b.proactivity = proactivity;
        b.historyConfig = historyConfig;
        b.safetySettings = safetySettings;
        b.avatarConfig = avatarConfig;
        b.explicitVadSignal = explicitVadSignal;
        b.labels = labels;
        return b;
    }

    /** Mutable builder for {@link Setup}. */
    public static final class Builder {
        private String model;
        private GenerationConfig generationConfig;
        private Content systemInstruction;
        private List<Tool> tools;
        private RealtimeInputConfig realtimeInputConfig;
        private SessionResumptionConfig sessionResumption;
        private ContextWindowCompression contextWindowCompression;
        private AudioTranscriptionConfig inputAudioTranscription;
        private AudioTranscriptionConfig outputAudioTranscription;
        private Proactivity proactivity;
        private HistoryConfig historyConfig;
        private List<SafetySetting> safetySettings;
        private AvatarConfig avatarConfig;
        private Boolean explicitVadSignal;
        private Map<String, String> labels;

        public Builder model(String v) { model = v; return this; }
        public Builder generationConfig(GenerationConfig v) { generationConfig = v; return this; }
        public Builder systemInstruction(Content v) { systemInstruction = v; return this; }
        public Builder tools(List<Tool> v) { tools = v; return this; }
        public Builder realtimeInputConfig(RealtimeInputConfig v) { realtimeInputConfig = v; return this; }
        public Builder sessionResumption(SessionResumptionConfig v) { sessionResumption = v; return this; }
        public Builder contextWindowCompression(ContextWindowCompression v) { contextWindowCompression = v; return this; }
        public Builder inputAudioTranscription(AudioTranscriptionConfig v) { inputAudioTranscription = v; return this; }
        public Builder outputAudioTranscription(AudioTranscriptionConfig v) { outputAudioTranscription = v; return this; }
        public Builder proactivity(Proactivity v) { proactivity = v; return this; }
        public Builder historyConfig(HistoryConfig v) { historyConfig = v; return this; }
        public Builder safetySettings(List<SafetySetting> v) { safetySettings = v; return this; }
        public Builder avatarConfig(AvatarConfig v) { avatarConfig = v; return this; }
        public Builder explicitVadSignal(Boolean v) { explicitVadSignal = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }

        public Setup build() {
            return new Setup(model, generationConfig, systemInstruction, tools, realtimeInputConfig, sessionResumption,
                    contextWindowCompression, inputAudioTranscription, outputAudioTranscription, proactivity, historyConfig,
                    safetySettings, avatarConfig, explicitVadSignal, labels);
        }
    }
}
