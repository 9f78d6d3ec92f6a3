package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import dev.geminilive.emulator.brain.Conversation;
import org.junit.jupiter.api.Test;

class ResumptionStoreTest {

    @Test
    void aLongConversationKeepsOnlyItsNewestHandlesSoMemoryStaysBounded() {
        ResumptionStore store = new ResumptionStore();
        Conversation memory = new Conversation();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            issued.add(store.issue("long", memory));
        }
        store.issue("other", memory);
        assertEquals(ResumptionStore.HANDLES_PER_CONVERSATION + 1, store.size());
        assertTrue(store.find(issued.get(499)).isPresent(), "the newest handle resumes");
        assertTrue(store.find(issued.get(500 - ResumptionStore.HANDLES_PER_CONVERSATION)).isPresent());
        assertTrue(store.find(issued.get(0)).isEmpty(), "the oldest is forgotten");
    }
}
