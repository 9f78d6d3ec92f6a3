package dev.geminilive.emulator.interop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.google.genai.types.Content;
import com.google.genai.types.LiveServerContent;
import com.google.genai.types.LiveServerMessage;
import com.google.genai.types.Part;
import com.google.genai.types.Transcription;

/**
 * The callback given to {@code AsyncSession.receive}: it keeps every {@link LiveServerMessage} the SDK parsed, in order,
 * and lets a test wait for one without sleeping. The SDK calls it on its OkHttp reader thread.
 */
final class Inbox implements Consumer<LiveServerMessage> {

    private final List<LiveServerMessage> messages = new ArrayList<>();

    @Override
    public synchronized void accept(LiveServerMessage m) {
        messages.add(m);
        notifyAll();
    }

    synchronized List<LiveServerMessage> all() {
        return List.copyOf(messages);
    }

    /** Waits for the first message that matches; returns it. */
    LiveServerMessage await(Predicate<LiveServerMessage> match, Duration timeout) throws InterruptedException, TimeoutException {
        List<LiveServerMessage> upTo = awaitUpTo(match, 1, timeout);
        return upTo.get(upTo.size() - 1);
    }

    /** Waits until {@code n} turns have completed; returns every message up to and including the n-th turnComplete. */
    List<LiveServerMessage> awaitTurns(int n, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitUpTo(Inbox::isTurnComplete, n, timeout);
    }

    private synchronized List<LiveServerMessage> awaitUpTo(Predicate<LiveServerMessage> match, int n, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            int seen = 0;
            for (int i = 0; i < messages.size(); i++) {
                if (match.test(messages.get(i)) && ++seen == n) {
                    return List.copyOf(messages.subList(0, i + 1));
                }
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new TimeoutException("Awaited message " + n + " did not arrive within " + timeout + "; the SDK received "
                        + messages.size() + ": " + messages);
            }
            wait(leftMs);
        }
    }

    static boolean isTurnComplete(LiveServerMessage m) {
        return m.serverContent().flatMap(LiveServerContent::turnComplete).orElse(false);
    }

    static boolean isGenerationComplete(LiveServerMessage m) {
        return m.serverContent().flatMap(LiveServerContent::generationComplete).orElse(false);
    }

    /** @return the parts of the model turns in these messages, in order */
    static List<Part> modelParts(List<LiveServerMessage> ms) {
        List<Part> parts = new ArrayList<>();
        for (LiveServerMessage m : ms) {
            m.serverContent().flatMap(LiveServerContent::modelTurn).flatMap(Content::parts).ifPresent(parts::addAll);
        }
        return parts;
    }

    /** @return the text parts concatenated */
    static String text(List<LiveServerMessage> ms) {
        StringBuilder sb = new StringBuilder();
        for (Part p : modelParts(ms)) {
            p.text().ifPresent(sb::append);
        }
        return sb.toString();
    }

    /** @return the output transcription fragments concatenated */
    static String outputTranscript(List<LiveServerMessage> ms) {
        return transcript(ms, LiveServerContent::outputTranscription);
    }

    /** @return the input transcription fragments concatenated */
    static String inputTranscript(List<LiveServerMessage> ms) {
        return transcript(ms, LiveServerContent::inputTranscription);
    }

    private static String transcript(List<LiveServerMessage> ms, java.util.function.Function<LiveServerContent, Optional<Transcription>> f) {
        StringBuilder sb = new StringBuilder();
        for (LiveServerMessage m : ms) {
            m.serverContent().flatMap(f).flatMap(Transcription::text).ifPresent(sb::append);
        }
        return sb.toString();
    }
}
