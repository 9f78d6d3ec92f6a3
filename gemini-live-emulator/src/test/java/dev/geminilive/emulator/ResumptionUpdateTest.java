package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.geminilive.emulator.scenario.Scenario;
import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionUpdate;

/** A fresh handle right before every goAway, and optional periodic handles while no turn runs. */
class ResumptionUpdateTest {

    private static int goAwayIndex(RawLiveClient c) throws Exception {
        return c.awaitIndex(m -> m.goAway() != null, Duration.ofSeconds(5));
    }

    /** Waits until the emulator has recorded this many client frames on the session. */
    static void awaitReceived(EmulatorSession s, int count) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (s.frames().received().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + s.frames().received().size() + " client frames arrived");
            }
            Thread.sleep(5);
        }
    }

    private static SessionResumptionUpdate update(ServerMessage m) {
        return m.sessionResumptionUpdate();
    }

    @Test
    void goAwayAtTheEndOfTheConnectionLifetimeComesRightAfterAFreshResumableHandle() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().connectionLifetime(Duration.ofMillis(800))
                .goAwayLead(Duration.ofMillis(400)).start();
                RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            int at = goAwayIndex(c);
            List<ServerMessage> all = c.messages();
            SessionResumptionUpdate before = update(all.get(at - 1));
            assertTrue(before != null && before.isResumable(), "the message before goAway: " + all.get(at - 1));
            String first = update(all.get(1)).newHandle();
            assertNotEquals(first, before.newHandle(), "a new handle, not the one sent after setup");
            assertNull(before.lastConsumedClientMessageIndex(), "the index is only sent with transparent");
            assertEquals(1011, c.awaitClose().getCloseCode().getCode());
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            try (RawLiveClient resumed = Wire.open(e, ResumptionTest.setup("{\"handle\":\"" + before.newHandle() + "\"}"))) {
                assertTrue(e.lastSession().orElseThrow().resumed());
            }
        }
    }

    @Test
    void goAwayFromJavaCarriesTheLastConsumedClientMessageIndexWithTransparentResumption() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient c = Wire.openVertex(e, ResumptionTest.setup("{\"transparent\":true}"))) {
            EmulatorSession s = e.lastSession().orElseThrow();
            for (int i = 0; i < 3; i++) {
                c.send(Audio.silence(40));
            }
            awaitReceived(s, 4);
            s.faults().goAway(Duration.ofSeconds(30));
            int at = goAwayIndex(c);
            SessionResumptionUpdate before = update(c.messages().get(at - 1));
            assertTrue(before.isResumable());
            assertEquals(3L, before.lastConsumedClientMessageIndex(), "setup is 0, then three audio messages");
            assertEquals(Duration.ofSeconds(30), c.messages().get(at).goAway().timeLeft());
        }
    }

    @Test
    void goAwayFromAScenarioComesRightAfterAFreshResumableHandle() throws Exception {
        Scenario scenario = Scenario.parse("{\"rules\":[{\"on\":{\"textContains\":\"bye\"},\"do\":[{\"goAway\":\"5s\"},{\"silence\":true}]}]}");
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().scenario(scenario).start();
                RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            c.send(Wire.realtimeText("bye"));
            int at = goAwayIndex(c);
            SessionResumptionUpdate before = update(c.messages().get(at - 1));
            assertTrue(before != null && before.isResumable() && !before.newHandle().isEmpty());
        }
    }

    @Test
    void goAwayWhileTheModelIsGeneratingSendsNoResumableHandleFirst() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().chunkDelay(Duration.ofMillis(100)).start();
                RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            c.send(Wire.realtimeText("a long enough answer to take a while to stream"));
            int busy = c.awaitIndex(m -> update(m) != null && !update(m).isResumable(), Duration.ofSeconds(5));
            e.lastSession().orElseThrow().faults().goAway(Duration.ofSeconds(10));
            int at = goAwayIndex(c);
            c.awaitTurns(1);
            List<ServerMessage> all = c.messages();
            assertTrue(all.subList(busy + 1, at).stream().noneMatch(m -> update(m) != null),
                    "no handle between resumable:false and goAway: " + all.subList(busy, at + 1));
            assertTrue(all.subList(at, all.size()).stream().noneMatch(m -> update(m) != null && !update(m).isResumable()));
        }
    }

    @Test
    void goAwayWithoutSessionResumptionInSetupComesAlone() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            e.lastSession().orElseThrow().faults().goAway(Duration.ofSeconds(10));
            goAwayIndex(c);
            assertTrue(c.messages().stream().noneMatch(m -> update(m) != null));
        }
    }

    @Test
    void periodicUpdatesBringFreshHandlesWhileOnlyRealtimeAudioArrives() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().resumptionUpdateInterval(Duration.ofMillis(150)).start();
                RawLiveClient c = Wire.openVertex(e, ResumptionTest.setup("{\"transparent\":true}"))) {
            for (int i = 0; i < 20; i++) { // 1 s of quiet audio: no turn starts
                c.send(Audio.silence(50));
                Thread.sleep(50);
            }
            c.awaitIndex(m -> update(m) != null && update(m).lastConsumedClientMessageIndex() != null
                    && update(m).lastConsumedClientMessageIndex() >= 15, Duration.ofSeconds(5));
            List<SessionResumptionUpdate> updates = ResumptionTest.updates(c.messages());
            assertTrue(updates.size() >= 4, updates.size() + " updates in about a second");
            assertTrue(updates.stream().allMatch(SessionResumptionUpdate::isResumable));
            assertEquals(updates.size(), new HashSet<>(updates.stream().map(SessionResumptionUpdate::newHandle).toList()).size(),
                    "every update has a new handle");
            for (int i = 1; i < updates.size(); i++) {
                assertTrue(updates.get(i).lastConsumedClientMessageIndex() >= updates.get(i - 1).lastConsumedClientMessageIndex());
            }
        }
    }

    @Test
    void withoutAnIntervalTheOnlyHandleOfAnIdleSessionIsTheOneAfterSetup() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            c.await(m -> update(m) != null);
            Thread.sleep(400); // nothing to wait for: the test proves that no further update comes
            assertEquals(1, ResumptionTest.updates(c.messages()).size());
        }
    }

    @Test
    void periodicUpdatesPauseWhileATurnIsGenerating() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().resumptionUpdateInterval(Duration.ofMillis(100))
                .chunkDelay(Duration.ofMillis(80)).start();
                RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            c.send(Wire.realtimeText("one two three four five six seven eight nine ten eleven twelve thirteen fourteen"));
            List<ServerMessage> turn = c.awaitTurns(1);
            int busy = -1;
            for (int i = 0; i < turn.size(); i++) {
                if (update(turn.get(i)) != null && !update(turn.get(i)).isResumable()) {
                    busy = i;
                }
            }
            assertTrue(busy >= 0);
            assertTrue(turn.size() - busy > 5, "the turn streamed for longer than the interval");
            assertFalse(turn.subList(busy, turn.size()).stream().anyMatch(m -> update(m) != null && update(m).isResumable()),
                    "no resumable handle while generating: " + turn.subList(busy, turn.size()));
            c.awaitIndex(m -> update(m) != null && update(m).isResumable(), Duration.ofSeconds(5), turn.size());
        }
    }
}
