package dev.geminilive.camel.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationStoreTest {

    @TempDir
    Path dir;

    static final ConversationState STATE = ConversationState.EMPTY
            .withTurns(List.of(new HistoryTurn(HistoryTurn.USER, "My name is Ada"), new HistoryTurn(HistoryTurn.MODEL, "Hi Ada.")), 10)
            .withHandle("handle-1", Instant.parse("2026-12-01T10:00:00Z"));

    @Test
    void aFileStoreGivesBackWhatItSavedAfterANewInstanceOpensTheDirectory() {
        new FileConversationStore(dir).save("chat/ada", STATE);
        ConversationState back = new FileConversationStore(dir).load("chat/ada").orElseThrow();
        assertEquals(STATE, back);
        assertTrue(back.handleIsCurrent());
    }

    @Test
    void keysThatLookLikePathsStayInsideTheDirectory() throws Exception {
        FileConversationStore files = new FileConversationStore(dir);
        files.save("chat/../../etc/passwd", STATE);
        try (var listing = Files.list(dir)) {
            List<Path> written = listing.toList();
            assertEquals(1, written.size());
            assertEquals(dir.toAbsolutePath(), written.get(0).toAbsolutePath().getParent());
        }
        assertEquals(STATE, files.load("chat/../../etc/passwd").orElseThrow());
        assertTrue(files.load("chat/other").isEmpty());
    }

    @Test
    void deleteForgetsAndACorruptFileIsAClearError() throws Exception {
        FileConversationStore files = new FileConversationStore(dir);
        files.save("chat/a", STATE);
        files.delete("chat/a");
        assertTrue(files.load("chat/a").isEmpty());
        files.save("chat/b", STATE);
        try (var listing = Files.list(dir)) {
            Files.writeString(listing.findFirst().orElseThrow(), "not json");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> files.load("chat/b"));
        assertTrue(e.getMessage().contains("is not a conversation state"), e.getMessage());
    }

    @Test
    void historyKeepsTheNewestTurnsAndAHandleOlderThanTheHistoryIsNotCurrent() {
        ConversationState s = STATE.withTurns(List.of(new HistoryTurn(HistoryTurn.USER, "more"),
                new HistoryTurn(HistoryTurn.MODEL, "ok")), 3);
        assertEquals(3, s.history().size());
        assertEquals("Hi Ada.", s.history().get(0).text());
        assertEquals(4, s.turns());
        assertFalse(s.handleIsCurrent(), "two turns came after the handle");
        assertTrue(s.withHandle("handle-2", Instant.now()).handleIsCurrent());
    }

    @Test
    void theInMemoryStoreKeepsConversationsApartByKey() {
        InMemoryConversationStore memory = new InMemoryConversationStore();
        memory.save("a/x", STATE);
        assertEquals(STATE, memory.load("a/x").orElseThrow());
        assertTrue(memory.load("b/x").isEmpty());
        memory.delete("a/x");
        assertEquals(0, memory.size());
    }
}
