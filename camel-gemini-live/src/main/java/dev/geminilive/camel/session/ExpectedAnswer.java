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
    /** At least one message of the input reached a connection. */
    volatile boolean anyWritten;

    ExpectedAnswer(CompletableFuture<LiveTurn> waiter, String userText, long startedAt) {
        this.waiter = waiter;
        this.userText = userText;
        this.startedAt = startedAt;
    }
}
