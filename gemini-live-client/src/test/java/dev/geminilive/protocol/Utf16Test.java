package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Utf16Test {

    @Test
    void wellFormedTextHasNoLoneSurrogate() {
        assertEquals(-1, Utf16.firstLoneSurrogate("plain"));
        assertEquals(-1, Utf16.firstLoneSurrogate("emoji \uD83D\uDE00 pair"));
        assertEquals(-1, Utf16.firstLoneSurrogate(""));
        assertEquals(-1, Utf16.firstLoneSurrogate(null));
        assertDoesNotThrow(() -> Utf16.requireWellFormed("\uD83D\uDE00", "Text body"));
    }

    @Test
    void theFirstLoneSurrogateIsNamedWithItsIndex() {
        assertEquals("Text body is not valid UTF-16: lone high surrogate at index 1", assertThrows(IllegalArgumentException.class,
                () -> Utf16.requireWellFormed("x\uD800y", "Text body")).getMessage());
        assertEquals("Text body is not valid UTF-16: lone low surrogate at index 0", assertThrows(IllegalArgumentException.class,
                () -> Utf16.requireWellFormed("\uDC00", "Text body")).getMessage());
        assertEquals(2, Utf16.firstLoneSurrogate("ab\uD83D\uD83D\uDE00"), "a high surrogate followed by a full pair");
        assertEquals(4, Utf16.firstLoneSurrogate("text\uD83D"), "cut off at the end");
    }

    @Test
    void aClientMessageWithALoneSurrogateCannotBeEncoded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiveCodec.lenient().encode(ClientMessage.realtimeText("x\uD800")));
        assertEquals("Cannot write REALTIME_INPUT message: a string in it is not valid UTF-16 (lone high surrogate at index 27 of "
                     + "the JSON)", e.getMessage());
    }
}
