package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.geminilive.emulator.audio.EnergyVad;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.RealtimeInputConfig;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.Tool;

/**
 * What an accepted setup means for the session's behaviour, worked out once.
 *
 * @param model               the served model
 * @param audioOut            answer with speech (AUDIO modality, the default) rather than text
 * @param inputTranscription  send inputTranscription for spoken turns
 * @param outputTranscription send outputTranscription with speech
 * @param manualActivity      automatic activity detection disabled: activityStart/activityEnd mark turns
 * @param interrupts          user activity interrupts the model (START_OF_ACTIVITY_INTERRUPTS)
 * @param vadThreshold        RMS above which audio counts as speech
 * @param prefixPaddingMs     speech needed to commit a start
 * @param silenceDurationMs   silence needed to commit an end
 * @param resumption          send sessionResumptionUpdate messages
 * @param transparent         add lastConsumedClientMessageIndex to them
 * @param compression         contextWindowCompression set: no session duration limit
 * @param historySeed         3.x: clientContent may seed history before the first realtime input
 * @param functions           the declared functions
 * @param blocking            per function name, whether the model waits for its response
 */
record SessionOptions(
        ModelSpec model,
        boolean audioOut,
        boolean inputTranscription,
        boolean outputTranscription,
        boolean manualActivity,
        boolean interrupts,
        double vadThreshold,
        int prefixPaddingMs,
        int silenceDurationMs,
        boolean resumption,
        boolean transparent,
        boolean compression,
        boolean historySeed,
        List<FunctionDeclaration> functions,
        Map<String, Boolean> blocking) {

    static SessionOptions from(Setup setup, ModelSpec model) {
        List<Modality> modalities = setup.generationConfig() == null ? null : setup.generationConfig().responseModalities();
        boolean audioOut = modalities == null || modalities.isEmpty() || modalities.get(0) != Modality.TEXT;
        RealtimeInputConfig ric = setup.realtimeInputConfig();
        RealtimeInputConfig.AutomaticActivityDetection aad = ric == null ? null : ric.automaticActivityDetection();
        boolean manual = aad != null && Boolean.TRUE.equals(aad.disabled());
        boolean interrupts = ric == null || ric.activityHandling() != RealtimeInputConfig.ActivityHandling.NO_INTERRUPTION;
        double threshold = aad != null && aad.startOfSpeechSensitivity() == RealtimeInputConfig.StartSensitivity.START_SENSITIVITY_LOW
                ? EnergyVad.LOW_SENSITIVITY_RMS : EnergyVad.HIGH_SENSITIVITY_RMS;
        int silence = aad != null && aad.silenceDurationMs() != null ? aad.silenceDurationMs()
                : aad != null && aad.endOfSpeechSensitivity() == RealtimeInputConfig.EndSensitivity.END_SENSITIVITY_LOW
                        ? EnergyVad.LOW_SENSITIVITY_SILENCE_MS : EnergyVad.DEFAULT_SILENCE_MS;
        int prefix = aad != null && aad.prefixPaddingMs() != null ? aad.prefixPaddingMs() : EnergyVad.DEFAULT_PREFIX_MS;
        boolean resumption = setup.sessionResumption() != null;
        List<FunctionDeclaration> functions = new ArrayList<>();
        Map<String, Boolean> blocking = new HashMap<>();
        declare(setup.tools(), model, functions, blocking);
        return new SessionOptions(model, audioOut, setup.inputAudioTranscription() != null, setup.outputAudioTranscription() != null,
                manual, interrupts, threshold, prefix, silence, resumption,
                resumption && Boolean.TRUE.equals(setup.sessionResumption().transparent()),
                setup.contextWindowCompression() != null,
                setup.historyConfig() != null && Boolean.TRUE.equals(setup.historyConfig().initialHistoryInClientContent()),
                List.copyOf(functions), Map.copyOf(blocking));
    }

    /** @return these options with the declared functions of {@code tools} instead of the current ones (a contextUpdate) */
    SessionOptions withTools(List<Tool> tools) {
        List<FunctionDeclaration> functions = new ArrayList<>();
        Map<String, Boolean> blocking = new HashMap<>();
        declare(tools, model, functions, blocking);
        return new SessionOptions(model, audioOut, inputTranscription, outputTranscription, manualActivity, interrupts, vadThreshold,
                prefixPaddingMs, silenceDurationMs, resumption, transparent, compression, historySeed, List.copyOf(functions),
                Map.copyOf(blocking));
    }

    private static void declare(List<Tool> tools, ModelSpec model, List<FunctionDeclaration> functions, Map<String, Boolean> blocking) {
        if (tools == null) {
            return;
        }
        for (Tool t : tools) {
            if (t.functionDeclarations() != null) {
                for (FunctionDeclaration f : t.functionDeclarations()) {
                    functions.add(f);
                    // per the model family: NON_BLOCKING honoured when declared, the default unless BLOCKING is
                    // declared, or accepted and treated as BLOCKING
                    boolean nonBlocking = switch (model.profile().nonBlockingTools()) {
                        case SUPPORTED -> f.behavior() == FunctionDeclaration.Behavior.NON_BLOCKING;
                        case DEFAULT -> f.behavior() != FunctionDeclaration.Behavior.BLOCKING;
                        case IGNORED -> false;
                    };
                    blocking.put(f.name(), !nonBlocking);
                }
            }
        }
    }

    /** @return whether the model waits for this function's response (unknown names block) */
    boolean isBlocking(String function) {
        return blocking.getOrDefault(function, true);
    }
}
