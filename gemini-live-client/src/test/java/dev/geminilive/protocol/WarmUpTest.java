package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.geminilive.client.LiveClient;
import org.junit.jupiter.api.Test;

/** {@link LiveCodec#warmUp()} and {@link LiveClient#warmUpInBackground(Runnable)}: earlier work, same results. */
class WarmUpTest {

    @Test
    void warmUpReturnsTheSameCodecOnBothSides() {
        // the strict codec reads the warm-up frame too: it is a frame the real server could send, nothing invented
        assertSame(LiveCodec.lenient(), LiveCodec.lenient().warmUp());
        assertSame(LiveCodec.strict(), LiveCodec.strict().warmUp());
    }

    @Test
    void aWarmCodecStillReadsAndRejectsAsBefore() {
        LiveCodec.lenient().warmUp();
        ServerMessage m = LiveCodec.lenient().decodeServer("{\"setupComplete\":{},\"futureField\":1}");
        assertTrue(m.setupComplete() != null);
        assertEquals("{\"realtimeInput\":{\"text\":\"hi\"}}", LiveCodec.lenient().encode(ClientMessage.realtimeText("hi")));
        LiveCodec.strict().warmUp();
        assertThrows(ProtocolException.class, () -> LiveCodec.strict().decodeServer("{\"setupComplete\":{},\"futureField\":1}"));
    }

    @Test
    void theBackgroundWarmUpStartsOncePerJvm() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        boolean started = LiveClient.warmUpInBackground(ran::countDown);
        if (started) {
            assertTrue(ran.await(30, TimeUnit.SECONDS), "the caller's step runs on the warm-up thread");
        } else {
            assertEquals(1, ran.getCount(), "a warm-up already under way does not take another step");
        }
        assertFalse(LiveClient.warmUpInBackground(() -> {
            throw new AssertionError("must not run");
        }));
    }
}
