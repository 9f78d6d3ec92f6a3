package dev.geminilive.protocol;

/**
 * Voice and language of spoken replies.
 *
 * @param voiceConfig  the prebuilt voice
 * @param languageCode BCP-47 code; native-audio models choose the language themselves
 */
public record SpeechConfig(VoiceConfig voiceConfig, String languageCode) {

    /** @return a speech config naming a prebuilt voice */
    public static SpeechConfig voice(String voiceName, String languageCode) {
        return new SpeechConfig(voiceName == null ? null : new VoiceConfig(new PrebuiltVoiceConfig(voiceName)), languageCode);
    }

    /** @param prebuiltVoiceConfig the voice by name */
    public record VoiceConfig(PrebuiltVoiceConfig prebuiltVoiceConfig) {
    }

    /** @param voiceName e.g. {@code Kore}, {@code Puck} */
    public record PrebuiltVoiceConfig(String voiceName) {
    }
}
