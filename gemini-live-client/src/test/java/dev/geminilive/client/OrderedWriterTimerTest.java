package dev.geminilive.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The writer's stall deadline: one timer task per writer whatever the number of frames, and still per frame exact. */
class OrderedWriterTimerTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** A transport that completes a send at once, except for frames starting with "hold", whose handlers it keeps. */
    private static RemoteEndpoint.Async remote(List<SendHandler> held) {
        return (RemoteEndpoint.Async) Proxy.newProxyInstance(OrderedWriterTimerTest.class.getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2 && args[1] instanceof SendHandler h) {
                        if (((String) args[0]).startsWith("hold")) {
                            held.add(h);
                        } else {
                            h.onResult(new SendResult());
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void thousandsOfFramesScheduleOneStallCheck() throws Exception {
        OrderedWriter writer = new OrderedWriter(remote(new CopyOnWriteArrayList<>()), 1 << 20, Duration.ofSeconds(30), timer, () -> { });
        for (int i = 0; i < 5000; i++) {
            writer.write("{\"realtimeInput\":{\"text\":\"" + i + "\"}}").get(1, TimeUnit.SECONDS);
        }
        assertEquals(5000, writer.written());
        assertTrue(timer.getQueue().size() <= 1, "timer tasks queued: " + timer.getQueue().size());
    }

    @Test
    void aFrameThatStallsAfterQuickOnesIsCaughtAtItsOwnDeadline() throws Exception {
        List<SendHandler> held = new CopyOnWriteArrayList<>();
        CountDownLatch stalled = new CountDownLatch(1);
        OrderedWriter writer = new OrderedWriter(remote(held), 1 << 20, Duration.ofMillis(300), timer, stalled::countDown);
        writer.write("quick").get(1, TimeUnit.SECONDS);
        Thread.sleep(200); // the check armed by the first frame runs 100 ms after the next one went out
        long start = System.nanoTime();
        CompletableFuture<Void> hold = writer.write("hold me");
        assertTrue(stalled.await(2, TimeUnit.SECONDS), "the stall was reported");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 290, "not before the frame's own deadline: " + tookMs + " ms");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, () -> hold.get(1, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().startsWith("Write stalled"), e.getCause().getMessage());
        assertTrue(writer.write("after").isCompletedExceptionally());
    }

    @Test
    void aFrameFinishedInTimeIsNeverReportedAndTheCheckDisarms() throws Exception {
        List<SendHandler> held = new CopyOnWriteArrayList<>();
        CountDownLatch stalled = new CountDownLatch(1);
        OrderedWriter writer = new OrderedWriter(remote(held), 1 << 20, Duration.ofMillis(200), timer, stalled::countDown);
        CompletableFuture<Void> hold = writer.write("hold briefly");
        Thread.sleep(100);
        held.get(0).onResult(new SendResult());
        hold.get(1, TimeUnit.SECONDS);
        assertTrue(!stalled.await(400, TimeUnit.MILLISECONDS), "no stall for a frame written in time");
        assertEquals(0, timer.getQueue().size(), "the check disarmed with nothing in flight");
        writer.write("next").get(1, TimeUnit.SECONDS);
        assertEquals(2, writer.written());
    }

    @Test
    void theQueueIsChargedTheUtf8LengthGivenOrCounted() throws Exception {
        List<SendHandler> held = new CopyOnWriteArrayList<>();
        OrderedWriter writer = new OrderedWriter(remote(held), 1 << 20, Duration.ofSeconds(5), timer, () -> { });
        writer.write("hold é€😀");
        assertEquals(5 + 2 + 3 + 4, writer.pendingBytes());
        writer.write("queued", 6);
        assertEquals(14 + 6, writer.pendingBytes());
        held.get(0).onResult(new SendResult());
        assertEquals(0, writer.pendingBytes());
    }
}
