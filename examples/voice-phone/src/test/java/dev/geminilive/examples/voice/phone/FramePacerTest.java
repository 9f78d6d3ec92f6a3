package dev.geminilive.examples.voice.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pacer on a simulated clock: what goes out when, and what a barge-in drops. */
class FramePacerTest {

    private static final long MS = 1_000_000L;

    private final List<String> sent = new ArrayList<>();
    private final FramePacer pacer = new FramePacer(new FramePacer.Output() {
        @Override
        public void media(byte[] frame) {
            sent.add("media " + frame[0]);
        }

        @Override
        public void mark(String name) {
            sent.add("mark " + name);
        }
    }, 20);

    @Test
    void sendsALeadOfThreeFramesThenOneEvery20Ms() {
        pacer.frames(frames(10));
        pacer.mark("answer-1");
        long t0 = 1_000 * MS;
        pacer.tick(t0);
        // the frame due now and the three after it
        assertEquals(List.of("media 0", "media 1", "media 2", "media 3"), sent);
        pacer.tick(t0 + 10 * MS);
        assertEquals(4, sent.size(), "nothing more within the same 20 ms");
        pacer.tick(t0 + 20 * MS);
        assertEquals("media 4", sent.get(4));
        pacer.tick(t0 + 120 * MS);
        // a tick this late means the provider has played everything sent: it gets a fresh lead, not a burst
        assertEquals(List.of("media 5", "media 6", "media 7", "media 8"), sent.subList(5, 9));
        pacer.tick(t0 + 140 * MS);
        assertEquals(List.of("media 9", "mark answer-1"), sent.subList(9, 11), "the mark follows the last frame");
        assertTrue(pacer.isIdle());
    }

    @Test
    void clearDropsWhatIsQueuedAndGoesOutBeforeAnyNewFrame() {
        pacer.frames(frames(50));
        long t0 = 1_000 * MS;
        pacer.tick(t0);
        int dropped = pacer.clear(() -> sent.add("clear"));
        assertEquals(46, dropped);
        assertEquals("clear", sent.get(sent.size() - 1));
        pacer.frames(frames(1));
        pacer.tick(t0 + 5 * MS);
        assertEquals(List.of("media 0", "media 1", "media 2", "media 3", "clear", "media 0"), sent,
                "after a clear the next answer starts at once");
    }

    @Test
    void aPauseBetweenAnswersRestartsThePace() {
        pacer.frames(frames(2));
        long t0 = 1_000 * MS;
        pacer.tick(t0);
        assertEquals(2, sent.size());
        pacer.frames(frames(6));
        pacer.tick(t0 + 1_000 * MS);
        assertEquals(6, sent.size(), "a new answer after a pause gets the lead again, not a burst of what is 'overdue'");
    }

    private static List<byte[]> frames(int n) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[160];
            f[0] = (byte) i;
            frames.add(f);
        }
        return frames;
    }
}
