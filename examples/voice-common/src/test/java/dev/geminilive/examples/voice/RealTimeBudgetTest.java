package dev.geminilive.examples.voice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RealTimeBudgetTest {

    private static final long MS = 1_000_000L;

    @Test
    void aMicrophoneSendingInRealTimeIsNeverRefused() {
        RealTimeBudget budget = new RealTimeBudget(32000, 2, 0);
        // 40 ms chunks every 40 ms for a minute, some of them a little late and then early
        for (int i = 0; i < 1500; i++) {
            long t = i * 40 * MS + (i % 7 == 0 ? 30 * MS : 0);
            assertTrue(budget.take(1280, t), "chunk " + i);
        }
    }

    @Test
    void aFloodIsRefusedOnceTheBurstIsSpent() {
        RealTimeBudget budget = new RealTimeBudget(32000, 2, 0);
        int accepted = 0;
        while (budget.take(1280, 10 * MS)) {
            accepted++;
        }
        assertEquals(50, accepted, "two seconds of audio at once, no more");
        assertFalse(budget.take(1280, 20 * MS));
        assertTrue(budget.take(1280, 60 * MS), "then real time again");
    }
}
