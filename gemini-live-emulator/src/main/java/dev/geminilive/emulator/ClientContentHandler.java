package dev.geminilive.emulator;

import java.util.List;
import java.util.Set;

import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.emulator.brain.UserInput;
import dev.geminilive.protocol.ClientContent;
import dev.geminilive.protocol.Content;
import dev.geminilive.protocol.ContextUpdate;
import dev.geminilive.protocol.Mime;
import dev.geminilive.protocol.Part;

/**
 * Takes clientContent as the model's profile allows it (never, only as a history seed, or any time), remembers its
 * turns and makes a turnComplete a user input; and contextUpdate, which changes the instructions and tools in order
 * with the other input.
 */
final class ClientContentHandler {

    private final ConnectionState s;
    private final TurnPlayer player;
    private final Responder responder;

    ClientContentHandler(ConnectionState s, TurnPlayer player, Responder responder) {
        this.s = s;
        this.player = player;
        this.responder = responder;
    }

    void onClientContent(ClientContent content) {
        List<Content> turns = content.turns() == null ? List.of() : content.turns();
        switch (s.opts.model().profile().clientContent()) {
            case NEVER -> throw ConnectionState.invalidArgument(null);
            case SEED_ONLY -> {
                if (!(s.opts.historySeed() && s.seedOpen)) {
                    throw ConnectionState.invalidArgument(null);
                }
                remember(turns); // history seed: never starts a turn
                return;
            }
            case WHOLE_SESSION -> {
                for (Content c : turns) {
                    if (!"user".equals(c.role()) && !"model".equals(c.role())) {
                        throw ConnectionState.invalidArgument("Please use a valid role: user, model.");
                    }
                }
                if (s.opts.historySeed() && s.seedOpen && !Boolean.TRUE.equals(content.turnComplete())) {
                    remember(turns); // the initial history: never starts a turn
                    return;
                }
                // turnComplete: true interrupts generation in progress whatever activityHandling says
                if (Boolean.TRUE.equals(content.turnComplete()) && s.turn != null) {
                    player.interrupt(Set.of());
                }
            }
            case ANYTIME -> player.bargeIn(); // clientContent interrupts the model like user activity does
        }
        remember(turns);
        if (Boolean.TRUE.equals(content.turnComplete())) {
            s.seedOpen = false;
            StringBuilder text = new StringBuilder();
            for (Content c : turns) {
                if (!"model".equals(c.role()) && !c.text().isEmpty()) {
                    text.append(text.length() > 0 ? "\n" : "").append(c.text());
                }
            }
            if (text.length() == 0) {
                List<Conversation.Turn> users = s.memory.userTurns();
                text.append(users.isEmpty() ? "" : users.get(users.size() - 1).text());
            }
            responder.userInput(UserInput.text(text.toString()), true);
        }
    }

    /** Replaces what the update sets, in order with the other input: the next turn already uses it. */
    void onContextUpdate(ContextUpdate update) {
        if (update.systemInstruction() != null) {
            s.memory.setSystemInstruction(update.systemInstruction().text());
        }
        if (update.tools() != null) {
            s.opts = s.opts.withTools(update.tools().tools());
        }
    }

    private void remember(List<Content> turns) {
        for (Content c : turns) {
            if (c.parts() != null) {
                for (Part p : c.parts()) {
                    if (p.inlineData() != null && Mime.isImage(p.inlineData().mimeType())) {
                        s.memory.addImage(Mime.baseType(p.inlineData().mimeType()));
                    }
                }
            }
            s.memory.add(new Conversation.Turn("model".equals(c.role()) ? "model" : "user", c.text(), 0));
        }
    }
}
