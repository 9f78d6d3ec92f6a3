package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.geminilive.emulator.audio.SpeechSynthesizer;
import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.emulator.brain.Tokens;
import dev.geminilive.models.ModelProfile;
import dev.geminilive.protocol.Blob;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.Part;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Transcription;
import dev.geminilive.protocol.UsageMetadata;
import dev.geminilive.protocol.UsageMetadata.ModalityTokenCount;

/**
 * Turns an answer into the frames a Live model streams: text chunks, or 24 kHz PCM chunks with output transcription
 * fragments, shaped by the model profile (one part per event on 2.5; several parts, and audio with its transcript in
 * one event, on 3.x), and the usage metadata of a turn.
 */
final class TurnComposer {

    /** Text chunks are cut after a space once they reach this many characters. */
    static final int TEXT_CHUNK_CHARS = 12;
    /** Audio is sent in chunks of at most this many bytes (100 ms at 24 kHz). */
    static final int AUDIO_CHUNK_BYTES = SpeechSynthesizer.RATE / 10 * 2;

    private TurnComposer() {
    }

    /** @return the content frames of an answer (no turn-end frames) */
    static List<ServerMessage> answer(String text, boolean audio, boolean transcribe, ModelProfile profile) {
        List<String> pieces = split(text);
        List<ServerMessage> out = new ArrayList<>();
        if (!audio) {
            int perEvent = profile.multiPartEvents() ? 2 : 1;
            for (int i = 0; i < pieces.size(); i += perEvent) {
                List<Part> parts = new ArrayList<>();
                for (int j = i; j < Math.min(pieces.size(), i + perEvent); j++) {
                    parts.add(Part.ofText(pieces.get(j)));
                }
                out.add(ServerMessage.of(ServerContent.ofModelTurn(new Content(null, parts))));
            }
            return out;
        }
        for (String piece : pieces) {
            byte[] pcm = SpeechSynthesizer.synthesize(piece);
            boolean first = true;
            for (int at = 0; at < pcm.length; at += AUDIO_CHUNK_BYTES) {
                byte[] chunk = Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + AUDIO_CHUNK_BYTES));
                Content turn = new Content(null, List.of(Part.ofInlineData(new Blob(Mime.PCM_24K, chunk))));
                Transcription tr = transcribe && first && profile.multiPartEvents() ? new Transcription(piece, null) : null;
                out.add(ServerMessage.of(new ServerContent(turn, null, null, null, null, null, null, null, tr, null, null, null)));
                first = false;
            }
            if (transcribe && !profile.multiPartEvents()) {
                out.add(ServerMessage.of(ServerContent.ofOutputTranscription(piece)));
            }
        }
        return out;
    }

    /** @return the pieces the text is streamed in; they concatenate to exactly {@code text} */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' && i + 1 - start >= TEXT_CHUNK_CHARS) {
                pieces.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length() || pieces.isEmpty()) {
            pieces.add(text.substring(start));
        }
        return pieces;
    }

    /** @return the 3.x leading event: an empty serverContent that only carries usage */
    static ServerMessage leadingUsage(Conversation memory) {
        return new ServerMessage(null, emptyContent(), null, null, null, null, null, null, usage(memory, 0, Modality.TEXT));
    }

    static ServerMessage generationComplete() {
        return ServerMessage.of(ServerContent.ofGenerationComplete());
    }

    static ServerMessage turnComplete(Conversation memory, int responseTokens, Modality modality) {
        return ServerMessage.of(ServerContent.ofTurnComplete(), usage(memory, responseTokens, modality));
    }

    /** @return the response tokens of an answer: text by characters, speech by its duration */
    static int responseTokens(String text, boolean audio) {
        return audio ? Tokens.ofAudio(text.length() * SpeechSynthesizer.MS_PER_CHAR / 1000.0) : Tokens.ofText(text);
    }

    static UsageMetadata usage(Conversation memory, int responseTokens, Modality responseModality) {
        // running sums kept by the conversation: the cost of a turn does not grow with the conversation's length
        int text = memory.textTokens();
        int audio = memory.audioTokens();
        int image = memory.images() * Tokens.PER_IMAGE;
        List<ModalityTokenCount> details = new ArrayList<>();
        details.add(new ModalityTokenCount(Modality.TEXT, text));
        if (audio > 0) {
            details.add(new ModalityTokenCount(Modality.AUDIO, audio));
        }
        if (image > 0) {
            details.add(new ModalityTokenCount(Modality.IMAGE, image));
        }
        int prompt = text + audio + image;
        List<ModalityTokenCount> response = responseTokens > 0 ? List.of(new ModalityTokenCount(responseModality, responseTokens)) : null;
        return new UsageMetadata(prompt, null, responseTokens, null, null, prompt + responseTokens, details, null, response, null, null,
                null, null, null);
    }

    private static ServerContent emptyContent() {
        return new ServerContent(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
