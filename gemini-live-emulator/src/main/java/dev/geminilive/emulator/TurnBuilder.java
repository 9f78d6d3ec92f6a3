package dev.geminilive.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.geminilive.emulator.brain.Reply;
import dev.geminilive.emulator.brain.UserInput;
import dev.geminilive.emulator.scenario.Action;
import dev.geminilive.emulator.scenario.Rule;
import dev.geminilive.protocol.FunctionCall;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.ProtoDurations;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.ToolCall;

/**
 * Composes model turns as steps to play: spoken or written answers, function calls, a scenario rule's scripted actions
 * and faults, and the turn's end with its usage. Composing sends nothing; the steps do, when {@link TurnPlayer} runs
 * them.
 */
final class TurnBuilder {

    /** What a malformed-frame fault sends unless the scenario gives its own text. */
    static final String MALFORMED = "{\"serverContent\": {\"modelTurn\": {\"parts\": [{\"text\": ";

    private final ConnectionState s;
    private final ToolBook tools;
    private final Resumption resumption;
    private final ConnectionEnd end;
    // the response usage of the turn under way, reported with its turnComplete
    private int responseTokens;
    private Modality responseModality = Modality.TEXT;

    TurnBuilder(ConnectionState s, ToolBook tools, Resumption resumption, ConnectionEnd end) {
        this.s = s;
        this.tools = tools;
        this.resumption = resumption;
        this.end = end;
    }

    /** @return a step that sends the message, then pauses for the chunk delay */
    ModelTurn.Step send(ServerMessage m) {
        return () -> {
            s.out.send(m);
            return s.chunkDelayMs();
        };
    }

    /** The turn was interrupted: its response does not count. */
    void resetUsage() {
        responseTokens = 0;
    }

    void addReply(ModelTurn t, Reply reply) {
        if (!reply.calls().isEmpty()) {
            addToolCalls(t, reply.calls());
        }
        if (reply.text() != null) {
            addAnswer(t, reply.text(), s.opts.audioOut());
        }
    }

    /** Queues the end of the turn (generationComplete, turnComplete with usage) unless it waits for tools or is silent. */
    void finalise(ModelTurn t) {
        if (t.awaitingTools || t.finalised || !t.produced) {
            return;
        }
        t.finalised = true;
        t.add(send(TurnComposer.generationComplete()));
        t.add(() -> {
            s.out.send(TurnComposer.turnComplete(s.memory, responseTokens, responseModality));
            responseTokens = 0;
            return 0;
        });
    }

    /** A scenario rule's actions, in order; {@code input} is what the user said, null when no user input led here. */
    void addActions(ModelTurn t, Rule rule, UserInput input) {
        for (Action a : rule.actions()) {
            if (a.reply() != null) {
                addAnswer(t, a.reply(), s.opts.audioOut());
            } else if (a.replyAudio() != null) {
                addAnswer(t, a.replyAudio(), true);
            } else if (a.toolCall() != null) {
                addToolCalls(t, a.toolCall().stream().map(c -> new Reply.PlannedCall(c.name(), c.args())).toList());
            } else if (a.asText() != null) {
                addReply(t, s.settings.brain().respond(s.memory, input == null ? UserInput.text(a.asText()) : input, s.opts.functions()));
            } else {
                addFault(t, a);
            }
        }
    }

    private void addFault(ModelTurn t, Action a) {
        if (a.goAway() != null) {
            Duration timeLeft = ProtoDurations.parse(a.goAway());
            t.add(() -> {
                resumption.goAway(timeLeft);
                return s.chunkDelayMs();
            });
        } else if (Boolean.TRUE.equals(a.resumptionUpdate())) {
            t.add(() -> {
                resumption.sendHandle();
                return s.chunkDelayMs();
            });
        } else if (Boolean.TRUE.equals(a.drop())) {
            t.add(() -> {
                end.drop();
                return 0;
            });
        } else if (a.close() != null) {
            t.add(() -> {
                end.close(a.close().code(), a.close().reason());
                return 0;
            });
        } else if (a.stall() != null) {
            t.add(() -> {
                ConnectionTimers.stall(a.stall());
                return 0;
            });
        } else if (a.malformed() != null) {
            t.add(raw(a.malformed().isEmpty() ? MALFORMED : a.malformed()));
        } else if (a.delay() != null) {
            t.add(a::delay);
        } else if (a.send() != null) {
            t.add(raw(LiveCodec.lenient().write(a.send())));
        } else if (a.frameDelay() != null) {
            t.add(() -> {
                s.out.frameDelay(Duration.ofMillis(a.frameDelay()));
                return 0;
            });
        }
    }

    private ModelTurn.Step raw(String text) {
        return () -> {
            s.out.sendRaw(text);
            return s.chunkDelayMs();
        };
    }

    private void addAnswer(ModelTurn t, String text, boolean audio) {
        announceBusy(t);
        s.memory.addModel(text);
        if (s.opts.model().profile().sendsLeadingUsage() && !t.produced) {
            t.add(send(TurnComposer.leadingUsage(s.memory)));
        }
        t.produced = true;
        for (ServerMessage m : TurnComposer.answer(text, audio, s.opts.outputTranscription(), s.opts.model().profile())) {
            t.add(send(m));
        }
        int tokens = TurnComposer.responseTokens(text, audio);
        t.add(() -> {
            responseTokens += tokens;
            responseModality = audio ? Modality.AUDIO : Modality.TEXT;
            return 0;
        });
    }

    private void addToolCalls(ModelTurn t, List<Reply.PlannedCall> planned) {
        announceBusy(t);
        List<FunctionCall> calls = new ArrayList<>();
        boolean anyBlocking = false;
        for (Reply.PlannedCall p : planned) {
            String id = s.core.nextCallId();
            boolean blocking = s.opts.isBlocking(p.name());
            anyBlocking |= blocking;
            tools.issued(new ToolBook.Pending(id, p.name(), blocking));
            calls.add(new FunctionCall(id, p.name(), p.args()));
        }
        t.produced = true;
        t.add(send(ServerMessage.of(new ToolCall(calls))));
        if (anyBlocking) {
            t.awaitingTools = true;
        } else {
            addAnswer(t, "I am calling " + String.join(", ", planned.stream().map(Reply.PlannedCall::name).toList()) + ".",
                    s.opts.audioOut());
        }
    }

    /** While the model works, the session is not resumable: the turn first tells the client so. */
    private void announceBusy(ModelTurn t) {
        if (s.opts.resumption() && !t.announcedBusy) {
            t.announcedBusy = true;
            t.add(() -> {
                resumption.sendBusy();
                return s.chunkDelayMs();
            });
        }
    }
}
