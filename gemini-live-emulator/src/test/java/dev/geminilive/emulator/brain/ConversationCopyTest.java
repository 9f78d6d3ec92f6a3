package dev.geminilive.emulator.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConversationCopyTest {

    private static List<String> texts(List<Conversation.Turn> turns) {
        return turns.stream().map(Conversation.Turn::text).toList();
    }

    @Test
    void aCopyAndItsOriginalGoOnIndependently() {
        Conversation original = new Conversation();
        original.addUser("one");
        original.addModel("You said: one");
        Conversation handle = original.copy();
        original.addUser("two, after the handle");
        handle.addUser("two, after resuming");
        handle.addModel("You said: two, after resuming");

        assertEquals(List.of("one", "You said: one", "two, after the handle"), texts(original.turns()));
        assertEquals(List.of("one", "You said: one", "two, after resuming", "You said: two, after resuming"), texts(handle.turns()));
        assertEquals(List.of("one", "two, after resuming"), texts(handle.userTurns()));
        assertEquals(Tokens.ofText("one") + Tokens.ofText("You said: one") + Tokens.ofText("two, after the handle"),
                original.textTokens());
    }

    @Test
    void aLongConversationIsCopiedWhole() {
        Conversation c = new Conversation();
        for (int i = 0; i < 10_000; i++) {
            c.addUser("q" + i);
        }
        Conversation copy = c.copy();
        List<Conversation.Turn> turns = copy.turns();
        assertEquals(10_000, turns.size());
        assertEquals("q0", turns.get(0).text());
        assertEquals("q9999", turns.get(9_999).text());
    }
}
