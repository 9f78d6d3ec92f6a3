package dev.geminilive.camel.session;

import java.util.concurrent.CompletableFuture;

import dev.geminilive.camel.LiveTurn;

/**
 * A model turn owed to an input that asked for one: an InOut exchange's answer (with a waiter), or the answer to an
 * InOnly input (no waiter; its turn only reaches consumers). Answers are owed in the order the inputs went out.
 */
final class ExpectedAnswer {

    /** Completed with the turn; null for InOnly inputs. */
    final CompletableFuture<LiveTurn> waiter;
    /** The user's text, remembered in the conversation's history; null for audio (its transcription is used). */
    final String userText;
    /** nanoTime when the input started going out: a turn that began before this is not its answer. */
    final long startedAt;
    /** The exchange gave up (turnTimeout): its late answer is discarded, never given to a later input. */
    volatile boolean abandoned;
    /** Every message of the input was handed to the conversation. */
    volatile boolean inputDone;
    /** nanoTime when {@link #inputDone} became true. */
    volatile long inputDoneAt;
    /**
     * For an input nobody waits for: how long after it the model may begin its answer, in nanos. A turn that begins
     * later is not its answer (silence, say, is never answered), so the input stops owing one and cannot take the
     * answer of a later input. Zero for InOut inputs, whose exchange decides when to give up.
     */
    final long answerWindowNanos;
    /** At least one message of the input reached a connection. */
    volatile boolean anyWritten;

    ExpectedAnswer(CompletableFuture<LiveTurn> waiter, String userText, long startedAt) {
        this(waiter, userText, startedAt, 0);
    }

    ExpectedAnswer(CompletableFuture<LiveTurn> waiter, String userText, long startedAt, long answerWindowNanos) {
        this.waiter = waiter;
        this.userText = userText;
        this.startedAt = startedAt;
        this.answerWindowNanos = answerWindowNanos;
    }

    /** @return whether nobody waits for this input's answer and a turn beginning at {@code turnStart} is too late for it */
    boolean unansweredBy(long turnStart) {
        return waiter == null && answerWindowNanos > 0 && inputDone && turnStart - inputDoneAt > answerWindowNanos;
    }
}
