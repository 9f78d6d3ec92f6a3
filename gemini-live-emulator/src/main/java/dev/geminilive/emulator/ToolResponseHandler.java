package dev.geminilive.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ToolResponse;

/**
 * Takes the client's toolResponse: checks each id against the calls issued, drops late answers to cancelled calls,
 * continues the turn waiting for BLOCKING calls once all of them are answered, and answers NON_BLOCKING results as
 * their scheduling says (INTERRUPT, WHEN_IDLE or SILENT).
 */
final class ToolResponseHandler {

    private final ConnectionState s;
    private final ToolBook tools;
    private final TurnPlayer player;
    private final Responder responder;

    ToolResponseHandler(ConnectionState s, ToolBook tools, TurnPlayer player, Responder responder) {
        this.s = s;
        this.tools = tools;
        this.player = player;
        this.responder = responder;
    }

    void onToolResponse(ToolResponse response) {
        s.seedOpen = false;
        List<FunctionResponse> blocking = new ArrayList<>();
        List<FunctionResponse> nonBlocking = new ArrayList<>();
        for (FunctionResponse r : response.functionResponses() == null ? List.<FunctionResponse>of() : response.functionResponses()) {
            ToolBook.Status status = tools.status(r.id());
            if (status == ToolBook.Status.UNKNOWN) {
                throw ConnectionState.invalidArgument(null);
            }
            if (status == ToolBook.Status.CANCELLED) {
                continue; // a late answer to a call barge-in cancelled: the real server drops it
            }
            ToolBook.Pending call = tools.get(r.id());
            FunctionResponse named = r.name() != null ? r : new FunctionResponse(r.id(), call.name(), r.response(), r.parts(),
                    r.scheduling(), r.willContinue());
            s.memory.add(new Conversation.Turn("tool", named.name() + " " + LiveCodec.lenient().write(
                    named.response() == null ? Map.of() : named.response()), 0));
            if (call.blocking()) {
                tools.answered(r.id());
                blocking.add(named);
            } else {
                if (!Boolean.TRUE.equals(willContinue(named))) {
                    tools.answered(r.id());
                }
                nonBlocking.add(named);
            }
        }
        if (!blocking.isEmpty()) {
            tools.collect(blocking);
            if (!tools.blockingPending() && s.turn != null && s.turn.awaitingTools) {
                responder.resumeAfterFunctions(s.turn, tools.takeCollected());
            }
        }
        for (FunctionResponse r : nonBlocking) {
            answerNonBlocking(r);
        }
    }

    private void answerNonBlocking(FunctionResponse r) {
        FunctionResponse.Scheduling scheduling = scheduling(r);
        if (scheduling == FunctionResponse.Scheduling.SILENT) {
            return;
        }
        Runnable answer = () -> responder.answerFunction(r);
        if (s.turn == null) {
            answer.run();
        } else if (scheduling == FunctionResponse.Scheduling.INTERRUPT) {
            player.interrupt(Set.of(r.id()));
            answer.run();
        } else {
            player.whenIdle(answer); // WHEN_IDLE: after the current turn
        }
    }

    /** The typed SDK field is top-level; the docs' snippet puts it inside {@code response}: both are honoured. */
    private static FunctionResponse.Scheduling scheduling(FunctionResponse r) {
        if (r.scheduling() != null) {
            return r.scheduling();
        }
        Object inner = r.response() == null ? null : r.response().get("scheduling");
        if (inner != null) {
            try {
                return FunctionResponse.Scheduling.valueOf(inner.toString());
            } catch (IllegalArgumentException e) {
                throw ConnectionState.invalidArgument(null);
            }
        }
        return FunctionResponse.Scheduling.WHEN_IDLE;
    }

    private static Boolean willContinue(FunctionResponse r) {
        if (r.willContinue() != null) {
            return r.willContinue();
        }
        Object inner = r.response() == null ? null : r.response().get("willContinue");
        return inner == null ? null : Boolean.valueOf(inner.toString());
    }
}
