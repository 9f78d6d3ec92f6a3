package dev.geminilive.emulator.brain;

import java.util.List;

import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.FunctionResponse;

/** Decides what the emulated model answers. Implementations must be deterministic and thread-safe. */
public interface Brain {

    /**
     * Answers a user turn. The turn has already been added to {@code conversation}.
     *
     * @param conversation the session's memory
     * @param input        the user's turn
     * @param functions    the functions declared in setup
     */
    Reply respond(Conversation conversation, UserInput input, List<FunctionDeclaration> functions);

    /**
     * Answers after function results arrived.
     *
     * @param conversation the session's memory
     * @param responses    the function responses, in the order received
     */
    Reply afterFunctions(Conversation conversation, List<FunctionResponse> responses);
}
