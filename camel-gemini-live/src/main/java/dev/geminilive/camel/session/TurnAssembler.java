package dev.geminilive.camel.session;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.geminilive.camel.LiveTurn;
import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.UsageMetadata;

/**
 * Collects the streamed pieces of one model turn until turnComplete. Not thread-safe: the session listener feeds it one
 * message at a time.
 */
final class TurnAssembler {

    private final String conversationId;
    private StringBuilder text = new StringBuilder();
    private ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private int audioRate = 24000;
    private StringBuilder input = new StringBuilder();
    private StringBuilder output = new StringBuilder();
    private List<String> thoughts = new ArrayList<>();
    private UsageMetadata usage;
    private boolean interrupted;
    private Map<String, Object> grounding;
    private long startedAt = -1;

    TurnAssembler(String conversationId) {
        this.conversationId = conversationId;
    }

    /** @return when the turn in progress began (nanoTime of its first message), or -1 */
    long startedAt() {
        return startedAt;
    }

    /**
     * @param arrivedAt nanoTime when the message arrived
     * @return the finished turn when this message completes one, else null
     */
    LiveTurn accept(ServerMessage message, long arrivedAt) {
        // a toolCall belongs to the model turn it interrupts for
        if ((message.serverContent() != null || message.toolCall() != null) && startedAt < 0) {
            startedAt = arrivedAt;
        }
        if (message.usageMetadata() != null) {
            usage = message.usageMetadata();
        }
        ServerContent content = message.serverContent();
        if (content == null) {
            return null;
        }
        if (content.modelTurn() != null && content.modelTurn().parts() != null) {
            for (Part p : content.modelTurn().parts()) {
                addPart(p);
            }
        }
        if (content.inputTranscription() != null && content.inputTranscription().text() != null) {
            input.append(content.inputTranscription().text());
        }
        if (content.outputTranscription() != null && content.outputTranscription().text() != null) {
            output.append(content.outputTranscription().text());
        }
        if (content.groundingMetadata() != null) {
            grounding = content.groundingMetadata();
        }
        if (content.isInterrupted()) {
            interrupted = true;
        }
        if (!content.isTurnComplete()) {
            return null;
        }
        LiveTurn turn = new LiveTurn(conversationId, text.toString(), audio.toByteArray(), audioRate, emptyToNull(input),
                emptyToNull(output), thoughts, usage, interrupted, content.turnCompleteReason(), grounding);
        reset();
        return turn;
    }

    private void addPart(Part p) {
        if (p.text() != null) {
            if (Boolean.TRUE.equals(p.thought())) {
                thoughts.add(p.text());
            } else {
                text.append(p.text());
            }
        }
        Blob blob = p.inlineData();
        if (blob != null && Mime.isAudio(blob.mimeType()) && blob.data() != null) {
            audioRate = blob.sampleRate(24000);
            audio.writeBytes(blob.data());
        }
    }

    private void reset() {
        text = new StringBuilder();
        audio = new ByteArrayOutputStream();
        input = new StringBuilder();
        output = new StringBuilder();
        thoughts = new ArrayList<>();
        usage = null;
        interrupted = false;
        grounding = null;
        startedAt = -1;
    }

    private static String emptyToNull(StringBuilder sb) {
        return sb.length() == 0 ? null : sb.toString();
    }
}
