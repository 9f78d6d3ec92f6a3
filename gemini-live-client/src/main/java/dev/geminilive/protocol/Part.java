package dev.geminilive.protocol;

/**
 * One part of a {@link Content}; exactly one payload field is set in practice.
 *
 * @param text                text, or a thought summary when {@code thought} is true
 * @param thought             marks a thought summary
 * @param thoughtSignature    opaque signature of a thought
 * @param inlineData          inline media, e.g. 24 kHz PCM audio from the model
 * @param fileData            a reference to an uploaded file
 * @param functionCall        a function call inside a turn (history)
 * @param functionResponse    a function response inside a turn (history)
 * @param executableCode      code the model wrote
 * @param codeExecutionResult the result of running it
 */
public record Part(
        String text,
        Boolean thought,
        String thoughtSignature,
        Blob inlineData,
        FileData fileData,
        FunctionCall functionCall,
        FunctionResponse functionResponse,
        ExecutableCode executableCode,
        CodeExecutionResult codeExecutionResult) {

    public static Part ofText(String text) {
        return new Part(text, null, null, null, null, null, null, null, null);
    }

    public static Part ofThought(String text) {
        return new Part(text, true, null, null, null, null, null, null, null);
    }

    public static Part ofInlineData(Blob blob) {
        return new Part(null, null, null, blob, null, null, null, null, null);
    }

    public static Part ofExecutableCode(ExecutableCode code) {
        return new Part(null, null, null, null, null, null, null, code, null);
    }

    public static Part ofCodeExecutionResult(CodeExecutionResult result) {
        return new Part(null, null, null, null, null, null, null, null, result);
    }

    /**
     * @param mimeType the file's type
     * @param fileUri  e.g. a Files API URI
     */
    public record FileData(String mimeType, String fileUri) {
    }

    /**
     * @param language {@code PYTHON}
     * @param code     the source
     */
    public record ExecutableCode(String language, String code) {
    }

    /**
     * @param outcome {@code OUTCOME_OK}, {@code OUTCOME_FAILED}, {@code OUTCOME_DEADLINE_EXCEEDED}
     * @param output  stdout or the error
     */
    public record CodeExecutionResult(String outcome, String output) {
    }
}
