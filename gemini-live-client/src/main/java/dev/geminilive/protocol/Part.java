package dev.geminilive.protocol;

import java.time.Duration;
import java.util.Map;

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
 * @param videoMetadata       clipping and frame rate of video in {@code inlineData} or {@code fileData}
 * @param partMetadata        the caller's own metadata about the part (Gemini API), kept as JSON
 * @param mediaResolution     the tokenization quality of this part's media
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
        CodeExecutionResult codeExecutionResult,
        VideoMetadata videoMetadata,
        Map<String, Object> partMetadata,
        PartMediaResolution mediaResolution) {

    /** The fields known before {@code videoMetadata}; the later ones stay unset. */
    public Part(String text, Boolean thought, String thoughtSignature, Blob inlineData, FileData fileData, FunctionCall functionCall,
            FunctionResponse functionResponse, ExecutableCode executableCode, CodeExecutionResult codeExecutionResult) {
        this(text, thought, thoughtSignature, inlineData, fileData, functionCall, functionResponse, executableCode, codeExecutionResult,
                null, null, null);
    }

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
     * @param mimeType    the file's type
     * @param fileUri     e.g. a Files API URI
     * @param displayName a label for the file (Vertex AI)
     */
    public record FileData(String mimeType, String fileUri, String displayName) {

        /** Without a display name. */
        public FileData(String mimeType, String fileUri) {
            this(mimeType, fileUri, null);
        }
    }

    /**
     * @param startOffset where the clip starts in the video
     * @param endOffset   where it ends
     * @param fps         frames per second sent to the model, in (0, 24]; 1 by default
     */
    public record VideoMetadata(Duration startOffset, Duration endOffset, Double fps) {
    }

    /**
     * @param level     the tokenization quality
     * @param numTokens the sequence length to tokenize the media into
     */
    public record PartMediaResolution(Level level, Integer numTokens) {

        /** Tokenization quality of one part; unlike the session-wide {@link MediaResolution} it has ULTRA_HIGH. */
        public enum Level {
            MEDIA_RESOLUTION_UNSPECIFIED, MEDIA_RESOLUTION_LOW, MEDIA_RESOLUTION_MEDIUM, MEDIA_RESOLUTION_HIGH, MEDIA_RESOLUTION_ULTRA_HIGH
        }
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
