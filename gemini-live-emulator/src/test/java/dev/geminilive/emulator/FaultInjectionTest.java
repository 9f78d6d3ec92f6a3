package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.GoAway;
import dev.geminilive.protocol.LiveCodec;
import dev.geminilive.protocol.ProtocolException;
import dev.geminilive.protocol.ServerMessage;

class FaultInjectionTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    @Test
    void dropFromJavaEndsTheConnectionWith1006AtTheClient() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            EMULATOR.emulator().lastSession().orElseThrow().faults().drop();
            assertEquals(1006, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void closeFromJavaSendsTheCodeAndTheCutReason() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            EMULATOR.emulator().faults().close(1011, "The service is currently unavailable. " + "x".repeat(200));
            var r = c.awaitClose();
            assertEquals(1011, r.getCloseCode().getCode());
            assertEquals(123, r.getReasonPhrase().length());
        }
    }

    @Test
    void malformedFrameReachesTheClientAndIsNotJson() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            EMULATOR.emulator().lastSession().orElseThrow().faults().sendMalformed();
            RawLiveClient.Frame f = c.awaitRaw(x -> !x.text().contains("setupComplete") && !x.text().contains("sessionResumption"));
            assertTrue(f.binary());
            assertThrows(ProtocolException.class, () -> LiveCodec.lenient().decodeServer(f.text()));
            RecordedFrame recorded = EMULATOR.emulator().lastSession().orElseThrow().awaitFrame(x -> x.isOut() && x.server() == null,
                    Duration.ofSeconds(5));
            assertEquals(f.text(), recorded.json());
        }
    }

    @Test
    void delayEachFrameSlowsEveryLaterFrame() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            EMULATOR.emulator().lastSession().orElseThrow().faults().delayEachFrame(Duration.ofMillis(50));
            long start = System.nanoTime();
            c.send(Wire.realtimeText("hello world"));
            List<ServerMessage> turn = c.awaitTurns(1);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 50L * (turn.size() - 1), ms + " ms for " + (turn.size() - 1) + " frames");
        }
    }

    @Test
    void stallFreezesTheSessionThenItCarriesOn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            EMULATOR.emulator().lastSession().orElseThrow().faults().stall(Duration.ofMillis(300));
            long start = System.nanoTime();
            c.send(Wire.realtimeText("after the stall"));
            assertEquals("You said: after the stall", Wire.text(c.awaitTurns(1)));
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 250);
        }
    }

    @Test
    void goAwayAndArbitraryMessagesCanBeSentAtAnyTime() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.setup(ModelCatalog.TEST_MODEL))) {
            EmulatorSession s = EMULATOR.emulator().lastSession().orElseThrow();
            s.faults().goAway(Duration.ofSeconds(7));
            assertEquals(Duration.ofSeconds(7), c.await(m -> m.goAway() != null).goAway().timeLeft());
            s.faults().send(ServerMessage.of(new GoAway(Duration.ofSeconds(1))));
            c.await(m -> m.goAway() != null && m.goAway().timeLeft().equals(Duration.ofSeconds(1)));
            assertNull(s.closeStatus().orElse(null));
        }
    }
}
