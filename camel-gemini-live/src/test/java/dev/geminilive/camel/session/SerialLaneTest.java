package dev.geminilive.camel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class SerialLaneTest {

    @Test
    void aTaskThatThrowsAnErrorDoesNotStopTheTasksQueuedAfterIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SerialLane lane = new SerialLane(pool);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            CountDownLatch done = new CountDownLatch(1);
            lane.execute(() -> ran.add(1));
            lane.execute(() -> {
                throw new LinkageError("a broken task");
            });
            lane.execute(() -> ran.add(3));
            lane.execute(done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS), "the lane went on after the Error");
            assertEquals(List.of(1, 3), ran);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tasksQueuedAfterThePoolStoppedStillRunSoNoExchangeIsLeftWaiting() {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.shutdown();
        SerialLane lane = new SerialLane(pool);
        List<String> ran = new CopyOnWriteArrayList<>();
        lane.execute(() -> {
            ran.add("first");
            lane.execute(() -> ran.add("queued by the first"));
        });
        lane.execute(() -> ran.add("second"));
        assertEquals(List.of("first", "queued by the first", "second"), ran);
    }
}
