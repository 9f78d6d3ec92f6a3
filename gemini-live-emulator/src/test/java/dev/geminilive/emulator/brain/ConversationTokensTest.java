package dev.geminilive.emulator.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The conversation's running token sums equal a walk over its history, and travel with a copy. */
class ConversationTokensTest {

    @Test
    void runningSumsMatchAWalkOverEveryTurn() {
        Conversation c = new Conversation();
        c.setSystemInstruction("Be brief.");
        c.addUser("hello there");
        c.add(new Conversation.Turn("user", "[audio]", 1.01));
        c.addModel("hi");
        c.add(new Conversation.Turn("tool", "get_weather {\"tempC\":21}", 0));
        c.addImage("image/jpeg");
        int text = Tokens.ofText("Be brief.");
        int audio = 0;
        for (Conversation.Turn t : c.turns()) {
            text += Tokens.ofText(t.text());
            audio += Tokens.ofAudio(t.audioSeconds());
        }
        assertEquals(text, c.textTokens());
        assertEquals(audio, c.audioTokens());
        assertEquals(33, c.audioTokens(), "1.01 s of audio rounds up on its own");
        assertEquals(text + audio + Tokens.PER_IMAGE, c.contextTokens());

        Conversation copy = c.copy();
        copy.addUser("more");
        assertEquals(text, c.textTokens(), "the copy's turns are its own");
        assertEquals(text + 1, copy.textTokens());
        assertEquals(audio, copy.audioTokens());
        c.setSystemInstruction("A much longer instruction than before.");
        assertEquals(text - Tokens.ofText("Be brief.") + Tokens.ofText("A much longer instruction than before."), c.textTokens());
    }
}
