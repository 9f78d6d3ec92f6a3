package dev.geminilive.camel.session;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.UsageMetadata;

/** Splits a server message into consumer events, in the order the message carries them. */
final class EventMapper {

    private EventMapper() {
    }

    static List<LiveEvent> toEvents(String conversationId, ServerMessage m) {
        List<LiveEvent> events = new ArrayList<>(2);
        if (m.setupComplete() != null) {
            events.add(event(conversationId, EventTypes.SETUP_COMPLETE, m.setupComplete(), Map.of()));
        }
        if (m.serverContent() != null) {
            content(conversationId, m.serverContent(), m.usageMetadata(), events);
        } else if (m.usageMetadata() != null) {
            events.add(event(conversationId, EventTypes.USAGE, m.usageMetadata(), usageHeaders(m.usageMetadata())));
        }
        if (m.toolCall() != null) {
            events.add(event(conversationId, EventTypes.TOOL_CALL, m.toolCall(), Map.of()));
        }
        if (m.toolCallCancellation() != null) {
            events.add(event(conversationId, EventTypes.TOOL_CALL_CANCELLATION, m.toolCallCancellation().ids(), Map.of()));
        }
        if (m.goAway() != null) {
            events.add(event(conversationId, EventTypes.GO_AWAY, m.goAway().timeLeft(),
                    m.goAway().timeLeft() == null ? Map.of() : Map.of(GeminiLiveConstants.TIME_LEFT, m.goAway().timeLeft())));
        }
        if (m.sessionResumptionUpdate() != null) {
            String handle = m.sessionResumptionUpdate().newHandle();
            events.add(event(conversationId, EventTypes.SESSION_RESUMPTION_UPDATE, m.sessionResumptionUpdate(),
                    handle == null || handle.isEmpty() ? Map.of() : Map.of(GeminiLiveConstants.RESUMPTION_HANDLE, handle)));
        }
        if (m.voiceActivity() != null) {
            events.add(event(conversationId, EventTypes.VOICE_ACTIVITY, m.voiceActivity(), Map.of()));
        }
        return events;
    }

    private static void content(String conversationId, ServerContent c, UsageMetadata usage, List<LiveEvent> events) {
        if (c.modelTurn() != null && c.modelTurn().parts() != null) {
            for (Part p : c.modelTurn().parts()) {
                part(conversationId, p, events);
            }
        }
        if (c.inputTranscription() != null && c.inputTranscription().text() != null) {
            events.add(event(conversationId, EventTypes.INPUT_TRANSCRIPTION, c.inputTranscription().text(),
                    transcriptionHeaders(c.inputTranscription())));
        }
        if (c.outputTranscription() != null && c.outputTranscription().text() != null) {
            events.add(event(conversationId, EventTypes.OUTPUT_TRANSCRIPTION, c.outputTranscription().text(),
                    transcriptionHeaders(c.outputTranscription())));
        }
        if (c.isGenerationComplete()) {
            events.add(event(conversationId, EventTypes.GENERATION_COMPLETE, null, Map.of()));
        }
        if (c.isInterrupted()) {
            events.add(event(conversationId, EventTypes.INTERRUPTED, null, Map.of(GeminiLiveConstants.INTERRUPTED, true)));
        }
        if (c.isTurnComplete()) {
            Map<String, Object> headers = new HashMap<>(usageHeaders(usage));
            if (c.turnCompleteReason() != null) {
                headers.put(GeminiLiveConstants.TURN_COMPLETE_REASON, c.turnCompleteReason());
            }
            if (c.groundingMetadata() != null) {
                headers.put(GeminiLiveConstants.GROUNDING_METADATA, c.groundingMetadata());
            }
            events.add(event(conversationId, EventTypes.TURN_COMPLETE, usage, headers));
        } else if (usage != null) {
            events.add(event(conversationId, EventTypes.USAGE, usage, usageHeaders(usage)));
        }
    }

    private static void part(String conversationId, Part p, List<LiveEvent> events) {
        if (p.text() != null) {
            events.add(event(conversationId, Boolean.TRUE.equals(p.thought()) ? EventTypes.THOUGHT : EventTypes.TEXT, p.text(), Map.of()));
        }
        Blob blob = p.inlineData();
        if (blob != null && blob.data() != null && Mime.isAudio(blob.mimeType())) {
            events.add(event(conversationId, EventTypes.AUDIO, blob.data(),
                    Map.of(GeminiLiveConstants.MIME_TYPE, blob.mimeType() == null ? "audio/pcm;rate=24000" : blob.mimeType())));
        }
        if (p.executableCode() != null) {
            events.add(event(conversationId, EventTypes.EXECUTABLE_CODE, p.executableCode().code(),
                    nullable(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME, p.executableCode().language())));
        }
        if (p.codeExecutionResult() != null) {
            events.add(event(conversationId, EventTypes.CODE_EXECUTION_RESULT, p.codeExecutionResult().output(),
                    nullable(GeminiLiveConstants.CODE_LANGUAGE_OR_OUTCOME, p.codeExecutionResult().outcome())));
        }
    }

    static Map<String, Object> usageHeaders(UsageMetadata usage) {
        if (usage == null) {
            return Map.of();
        }
        Map<String, Object> h = new HashMap<>();
        h.put(GeminiLiveConstants.USAGE, usage);
        if (usage.promptTokenCount() != null) {
            h.put(GeminiLiveConstants.PROMPT_TOKENS, usage.promptTokenCount());
        }
        h.put(GeminiLiveConstants.RESPONSE_TOKENS, usage.outputTokens());
        if (usage.totalTokenCount() != null) {
            h.put(GeminiLiveConstants.TOTAL_TOKENS, usage.totalTokenCount());
        }
        return h;
    }

    private static Map<String, Object> nullable(String key, Object value) {
        return value == null ? Map.of() : Map.of(key, value);
    }

    /**
     * @return the events, the toolCall one reduced to the calls the route must answer (those no tool endpoint answers),
     *         with their ids in {@code CamelGeminiLiveCallsToAnswer}; without such calls, no toolCall event at all
     */
    static List<LiveEvent> callsForRoute(List<LiveEvent> events, List<String> forRoute) {
        List<LiveEvent> out = new ArrayList<>(events.size());
        for (LiveEvent e : events) {
            if (!e.type().equals(EventTypes.TOOL_CALL)) {
                out.add(e);
            } else if (!forRoute.isEmpty() && e.body() instanceof dev.geminilive.protocol.ToolCall call && call.functionCalls() != null) {
                dev.geminilive.protocol.ToolCall mine = new dev.geminilive.protocol.ToolCall(
                        call.functionCalls().stream().filter(f -> forRoute.contains(f.id())).toList());
                Map<String, Object> headers = new HashMap<>(e.headers());
                headers.put(GeminiLiveConstants.CALLS_TO_ANSWER, forRoute);
                out.add(new LiveEvent(e.type(), e.conversationId(), mine, headers));
            }
        }
        return out;
    }


    static LiveEvent event(String conversationId, String type, Object body, Map<String, Object> headers) {
        return new LiveEvent(type, conversationId, body, headers);
    }

    /** The details a transcription fragment carries besides its text, as headers; only those the server sent. */
    static Map<String, Object> transcriptionHeaders(dev.geminilive.protocol.Transcription t) {
        Map<String, Object> headers = new java.util.LinkedHashMap<>();
        if (t.languageCode() != null) {
            headers.put(GeminiLiveConstants.TRANSCRIPTION_LANGUAGE, t.languageCode());
        }
        if (t.speakerLabel() != null) {
            headers.put(GeminiLiveConstants.TRANSCRIPTION_SPEAKER, t.speakerLabel());
        }
        if (t.words() != null) {
            headers.put(GeminiLiveConstants.TRANSCRIPTION_WORDS, t.words());
        }
        if (t.finished() != null) {
            headers.put(GeminiLiveConstants.TRANSCRIPTION_FINISHED, t.finished());
        }
        return headers;
    }
}
