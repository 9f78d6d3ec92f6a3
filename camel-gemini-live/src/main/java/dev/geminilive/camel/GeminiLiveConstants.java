package dev.geminilive.camel;

import org.apache.camel.spi.Metadata;

/** Message headers of the gemini-live component. */
public final class GeminiLiveConstants {

    @Metadata(description = "The conversation an exchange belongs to; each conversation has its own Live session. "
                            + "Overrides the conversationId option.",
              javaType = "String")
    public static final String CONVERSATION_ID = "CamelGeminiLiveConversationId";

    @Metadata(label = "producer", description = "The MIME type of a binary body, e.g. audio/pcm;rate=16000, audio/wav, image/jpeg; "
                                                + "on audio events, the MIME type of the audio.",
              javaType = "String")
    public static final String MIME_TYPE = "CamelGeminiLiveMimeType";

    @Metadata(label = "producer", description = "Selects how the body is sent: text, audio, video, activityStart, activityEnd, "
                                                + "audioStreamEnd, clientContent, toolResponse, contextUpdate (a new system "
                                                + "instruction and/or tools mid-session), raw, or endSession to close the "
                                                + "conversation's session. Chosen from the body type when unset.",
              javaType = "String",
              enums = "text,audio,video,activityStart,activityEnd,audioStreamEnd,clientContent,toolResponse,contextUpdate,raw,endSession")
    public static final String MESSAGE_TYPE = "CamelGeminiLiveMessageType";

    @Metadata(label = "producer", description = "For text sent as clientContent: false leaves the turn open so more parts can follow "
                                                + "(default true).",
              javaType = "Boolean")
    public static final String TURN_COMPLETE = "CamelGeminiLiveTurnComplete";

    @Metadata(label = "consumer", description = "The event: setupComplete, text, audio, inputTranscription, outputTranscription, "
                                                + "thought, executableCode, codeExecutionResult, generationComplete, turnComplete, "
                                                + "interrupted, toolCall, toolCallCancellation, goAway, sessionResumptionUpdate, usage, "
                                                + "voiceActivity, connected, reconnected, disconnected, error; turn when aggregate=turn.",
              javaType = "String",
              enums = dev.geminilive.camel.session.EventTypes.NAMES)
    public static final String EVENT_TYPE = "CamelGeminiLiveEventType";

    @Metadata(description = "The transcription of the user's audio in this turn (inputAudioTranscription=true).", javaType = "String")
    public static final String INPUT_TRANSCRIPTION = "CamelGeminiLiveInputTranscription";

    @Metadata(description = "The transcription of the model's audio in this turn (outputAudioTranscription=true).", javaType = "String")
    public static final String OUTPUT_TRANSCRIPTION = "CamelGeminiLiveOutputTranscription";

    @Metadata(description = "Token usage of the turn.", javaType = "dev.geminilive.protocol.UsageMetadata")
    public static final String USAGE = "CamelGeminiLiveUsage";

    @Metadata(description = "Prompt tokens of the turn.", javaType = "Integer")
    public static final String PROMPT_TOKENS = "CamelGeminiLivePromptTokens";

    @Metadata(description = "Response tokens of the turn.", javaType = "Integer")
    public static final String RESPONSE_TOKENS = "CamelGeminiLiveResponseTokens";

    @Metadata(description = "Total tokens of the turn.", javaType = "Integer")
    public static final String TOTAL_TOKENS = "CamelGeminiLiveTotalTokens";

    @Metadata(description = "Whether the user interrupted the model's turn (barge-in).", javaType = "Boolean")
    public static final String INTERRUPTED = "CamelGeminiLiveInterrupted";

    @Metadata(description = "Why the turn ended when not normally, e.g. MALFORMED_FUNCTION_CALL.", javaType = "String")
    public static final String TURN_COMPLETE_REASON = "CamelGeminiLiveTurnCompleteReason";

    @Metadata(description = "Google Search grounding of the turn.", javaType = "java.util.Map")
    public static final String GROUNDING_METADATA = "CamelGeminiLiveGroundingMetadata";

    @Metadata(label = "consumer", description = "The newest session resumption handle.", javaType = "String")
    public static final String RESUMPTION_HANDLE = "CamelGeminiLiveResumptionHandle";

    @Metadata(label = "consumer", description = "Time left before the server closes the connection (goAway).",
              javaType = "java.time.Duration")
    public static final String TIME_LEFT = "CamelGeminiLiveTimeLeft";

    @Metadata(label = "consumer", description = "Whether the conversation's server-side context was kept by a resumption handle "
                                                + "(connected, reconnected); false means a new session, re-seeded from the "
                                                + "conversation store when it holds history.",
              javaType = "Boolean")
    public static final String RESUMED = "CamelGeminiLiveResumed";

    @Metadata(label = "consumer", description = "The WebSocket close code (disconnected).", javaType = "Integer")
    public static final String CLOSE_CODE = "CamelGeminiLiveCloseCode";

    @Metadata(label = "consumer", description = "The WebSocket close reason (disconnected).", javaType = "String")
    public static final String CLOSE_REASON = "CamelGeminiLiveCloseReason";

    @Metadata(label = "consumer", description = "The language of executable code (executableCode) or the outcome of running it "
                                                + "(codeExecutionResult).",
              javaType = "String")
    public static final String CODE_LANGUAGE_OR_OUTCOME = "CamelGeminiLiveCodeDetail";

    @Metadata(label = "tools", description = "The function a tool exchange calls.", javaType = "String")
    public static final String FUNCTION_NAME = "CamelGeminiLiveFunctionName";

    @Metadata(label = "tools", description = "The id of the function call a tool exchange answers.", javaType = "String")
    public static final String TOOL_CALL_ID = "CamelGeminiLiveToolCallId";

    @Metadata(label = "tools", description = "Set by a tool route: how the model takes this NON_BLOCKING result (SILENT, WHEN_IDLE, "
                                             + "INTERRUPT).",
              javaType = "String", enums = "SILENT,WHEN_IDLE,INTERRUPT")
    public static final String TOOL_SCHEDULING = "CamelGeminiLiveToolScheduling";

    @Metadata(label = "tools", description = "Set by a tool route: true when more responses for this NON_BLOCKING call follow "
                                             + "(send them as toolResponse messages with the call id).",
              javaType = "Boolean")
    public static final String TOOL_WILL_CONTINUE = "CamelGeminiLiveToolWillContinue";

    @Metadata(label = "tools", description = "Set by a tool route (e.g. in its onException): the error text the model gets for this "
                                             + "call instead of the route's reply or the toolErrorMessage text. Exception messages "
                                             + "never reach the model unless toolErrorMessage=message.",
              javaType = "String")
    public static final String TOOL_ERROR = "CamelGeminiLiveToolError";

    @Metadata(label = "consumer", description = "On toolCall events: the ids of the calls no tool endpoint answers, which the route "
                                                + "must answer by sending a toolResponse to the producer.",
              javaType = "java.util.List<String>")
    public static final String CALLS_TO_ANSWER = "CamelGeminiLiveCallsToAnswer";

    @Metadata(label = "consumer", description = "On inputTranscription and outputTranscription events: the BCP-47 language of the "
                                                + "fragment, when the server sends it.", javaType = "String")
    public static final String TRANSCRIPTION_LANGUAGE = "CamelGeminiLiveTranscriptionLanguage";

    @Metadata(label = "consumer", description = "On inputTranscription and outputTranscription events: who spoke (e.g. spk_1), with "
                                                + "diarization on.", javaType = "String")
    public static final String TRANSCRIPTION_SPEAKER = "CamelGeminiLiveTranscriptionSpeaker";

    @Metadata(label = "consumer", description = "On inputTranscription and outputTranscription events: the fragment word by word with "
                                                + "start and end offsets, with word timestamps on.",
              javaType = "java.util.List<dev.geminilive.protocol.Transcription.WordInfo>")
    public static final String TRANSCRIPTION_WORDS = "CamelGeminiLiveTranscriptionWords";

    @Metadata(label = "consumer", description = "On inputTranscription and outputTranscription events: true on the last fragment of a "
                                                + "transcript, when the server marks it.", javaType = "Boolean")
    public static final String TRANSCRIPTION_FINISHED = "CamelGeminiLiveTranscriptionFinished";

    /** Exchange property set to true on a tool exchange whose call the model cancelled; its result is dropped. */
    public static final String TOOL_CANCELLED = "CamelGeminiLiveToolCancelled";

    private GeminiLiveConstants() {
    }
}
