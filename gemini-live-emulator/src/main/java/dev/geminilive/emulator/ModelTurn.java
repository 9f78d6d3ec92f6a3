package dev.geminilive.emulator;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One model turn in progress: the steps still to play (frames to send, pauses, scripted faults) and whether the turn
 * waits for function responses. A turn is replaced, not reused, when the user interrupts it.
 */
final class ModelTurn {

    /** One step; returns how long to wait before the next one, in ms. */
    @FunctionalInterface
    interface Step {
        long run();
    }

    final Deque<Step> steps = new ArrayDeque<>();
    /** BLOCKING calls were sent and the turn continues when their responses arrive. */
    boolean awaitingTools;
    /** sessionResumptionUpdate{resumable:false} already sent for this turn. */
    boolean announcedBusy;
    /** the model produced output (so the turn ends with a fresh resumption handle). */
    boolean produced;
    /** the turn's content is complete and its final frames are queued. */
    boolean finalised;

    void add(Step step) {
        steps.add(step);
    }
}
