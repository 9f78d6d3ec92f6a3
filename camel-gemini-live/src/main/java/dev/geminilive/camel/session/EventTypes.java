package dev.geminilive.camel.session;

import java.util.List;

/** The consumer's event types. */
public final class EventTypes {

    public static final String SETUP_COMPLETE = "setupComplete";
    public static final String TEXT = "text";
    public static final String AUDIO = "audio";
    public static final String INPUT_TRANSCRIPTION = "inputTranscription";
    public static final String OUTPUT_TRANSCRIPTION = "outputTranscription";
    public static final String THOUGHT = "thought";
    public static final String EXECUTABLE_CODE = "executableCode";
    public static final String CODE_EXECUTION_RESULT = "codeExecutionResult";
    public static final String GENERATION_COMPLETE = "generationComplete";
    public static final String TURN_COMPLETE = "turnComplete";
    public static final String INTERRUPTED = "interrupted";
    public static final String TOOL_CALL = "toolCall";
    public static final String TOOL_CALL_CANCELLATION = "toolCallCancellation";
    public static final String GO_AWAY = "goAway";
    public static final String SESSION_RESUMPTION_UPDATE = "sessionResumptionUpdate";
    public static final String USAGE = "usage";
    public static final String VOICE_ACTIVITY = "voiceActivity";
    public static final String CONNECTED = "connected";
    public static final String RECONNECTED = "reconnected";
    public static final String DISCONNECTED = "disconnected";
    public static final String ERROR = "error";
    /** aggregate=turn: one exchange per finished turn. */
    public static final String TURN = "turn";

    /** Every type a consumer may filter on, comma-separated: a constant, so option and header metadata can name them. */
    public static final String NAMES = SETUP_COMPLETE + "," + TEXT + "," + AUDIO + "," + INPUT_TRANSCRIPTION + "," + OUTPUT_TRANSCRIPTION
                                       + "," + THOUGHT + "," + EXECUTABLE_CODE + "," + CODE_EXECUTION_RESULT + "," + GENERATION_COMPLETE
                                       + "," + TURN_COMPLETE + "," + INTERRUPTED + "," + TOOL_CALL + "," + TOOL_CALL_CANCELLATION + ","
                                       + GO_AWAY + "," + SESSION_RESUMPTION_UPDATE + "," + USAGE + "," + VOICE_ACTIVITY + "," + CONNECTED
                                       + "," + RECONNECTED + "," + DISCONNECTED + "," + ERROR + "," + TURN;

    /** Every type a consumer may filter on. */
    public static final List<String> ALL = List.of(SETUP_COMPLETE, TEXT, AUDIO, INPUT_TRANSCRIPTION, OUTPUT_TRANSCRIPTION, THOUGHT,
            EXECUTABLE_CODE, CODE_EXECUTION_RESULT, GENERATION_COMPLETE, TURN_COMPLETE, INTERRUPTED, TOOL_CALL,
            TOOL_CALL_CANCELLATION, GO_AWAY, SESSION_RESUMPTION_UPDATE, USAGE, VOICE_ACTIVITY, CONNECTED, RECONNECTED, DISCONNECTED, ERROR, TURN);

    private EventTypes() {
    }
}
