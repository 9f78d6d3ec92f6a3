package dev.geminilive.emulator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.emulator.brain.Reply;
import dev.geminilive.emulator.brain.UserInput;
import dev.geminilive.emulator.scenario.Action;
import dev.geminilive.emulator.scenario.InputEvent;
import dev.geminilive.emulator.scenario.Rule;
import dev.geminilive.protocol.FunctionResponse;
import dev.geminilive.protocol.ServerContent;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.Transcription;

/**
 * Decides what the model answers to the session opening, to each complete user input and to function results: the
 * scenario's matching rule first, else the brain. A transcription model answers speech with its transcript alone.
 */
final class Responder {

    private final ConnectionState s;
    private final TurnPlayer player;
    private final TurnBuilder builder;
    private int userTurns;

    Responder(ConnectionState s, TurnPlayer player, TurnBuilder builder) {
        this.s = s;
        this.player = player;
        this.builder = builder;
    }

    /** Setup completed: a scenario rule for the connect event may speak first. */
    void connected() {
        s.scenario.match(new InputEvent(InputEvent.Kind.CONNECT, null, 0, List.of())).ifPresent(rule -> {
            ModelTurn t = new ModelTurn();
            builder.addActions(t, rule, null);
            play(t);
        });
    }

    /**
     * A complete user input: interrupts the turn under way (or waits for its end when the setup said NO_INTERRUPTION)
     * and plays the answer.
     *
     * @param alreadyRemembered the input is in the memory already (clientContent turns)
     */
    void userInput(UserInput input, boolean alreadyRemembered) {
        if (s.turn != null) {
            if (!s.opts.interrupts()) {
                player.whenIdle(() -> userInput(input, alreadyRemembered));
                return;
            }
            player.interrupt(Set.of());
        }
        userTurns++;
        s.seedOpen = false;
        Optional<Rule> rule = s.scenario.match(new InputEvent(input.isAudio() ? InputEvent.Kind.AUDIO : InputEvent.Kind.TEXT,
                input.text(), userTurns, List.of()));
        String heard = rule.flatMap(r -> r.actions().stream().map(Action::asText).filter(a -> a != null).findFirst()).orElse(null);
        UserInput effective = heard == null ? input : new UserInput(heard, input.audioSeconds());
        ModelTurn t = new ModelTurn();
        if (s.opts.model().profile().transcribeOnly()) {
            transcribe(t, input, effective);
            return;
        }
        if (input.isAudio() && s.opts.inputTranscription()) {
            t.add(builder.send(ServerMessage.of(ServerContent.ofInputTranscription(effective.transcript()))));
        }
        if (!alreadyRemembered || heard != null) {
            s.memory.add(new Conversation.Turn("user", effective.transcript(), input.audioSeconds()));
        }
        answer(t, rule, effective, () -> s.settings.brain().respond(s.memory, effective, s.opts.functions()));
        play(t);
    }

    /** The BLOCKING calls of the turn under way were all answered: the turn goes on with the answer to their results. */
    void resumeAfterFunctions(ModelTurn t, List<FunctionResponse> results) {
        t.awaitingTools = false;
        afterFunctions(t, results);
        builder.finalise(t);
        player.resume(t);
    }

    /** A NON_BLOCKING call's result, answered in a turn of its own. */
    void answerFunction(FunctionResponse result) {
        ModelTurn t = new ModelTurn();
        afterFunctions(t, List.of(result));
        play(t);
    }

    private void afterFunctions(ModelTurn t, List<FunctionResponse> results) {
        Optional<Rule> rule = s.scenario.match(new InputEvent(InputEvent.Kind.TOOL_RESPONSE, null, 0,
                results.stream().map(FunctionResponse::name).toList()));
        answer(t, rule, null, () -> s.settings.brain().afterFunctions(s.memory, results));
    }

    /** Ends a composed turn and plays it. */
    private void play(ModelTurn t) {
        builder.finalise(t);
        player.start(t);
    }

    /** The rule's actions, then the brain's reply unless the rule answers by itself; asked only then, as it reads memory. */
    private void answer(ModelTurn t, Optional<Rule> rule, UserInput input, Supplier<Reply> brain) {
        rule.ifPresent(r -> builder.addActions(t, r, input));
        if (rule.isEmpty() || !rule.get().answers()) {
            builder.addReply(t, brain.get());
        }
    }

    /**
     * A transcription model: speech in, its transcript out as input transcription fragments (interim, a word at a time,
     * the last one marked finished), then turnComplete; no model turn and no conversation memory. Typed text has
     * nothing to transcribe.
     */
    private void transcribe(ModelTurn t, UserInput input, UserInput effective) {
        if (!input.isAudio()) {
            throw ConnectionState.invalidArgument(s.opts.model().id() + " only transcribes audio.");
        }
        String[] words = effective.transcript().split("(?<= )");
        for (int i = 0; i < words.length; i++) {
            t.add(builder.send(ServerMessage.of(ServerContent.ofInputTranscription(
                    new Transcription(words[i], i == words.length - 1 ? Boolean.TRUE : null)))));
        }
        t.produced = true;
        play(t);
    }
}
