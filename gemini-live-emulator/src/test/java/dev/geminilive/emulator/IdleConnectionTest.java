package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;

import dev.geminilive.protocol.ServerMessage;

/**
 * Idle connections stay open until their lifetime; only the optional idleTimeout closes them, with a close frame. The
 * transport's own idle timeout (Grizzly's keep-alive idle check, 30 s by default) used to end idle WebSocket connections
 * without a close frame: the first test shows that, with the check turned back on for one test and shortened to 1 s.
 */
class IdleConnectionTest {

    @Test
    void grizzlysTransportIdleCheckIsWhatDropsAnIdleConnectionWithoutACloseFrame() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().transportIdleTimeout(Duration.ofSeconds(1)).start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            assertEquals(Optional.of(Duration.ofSeconds(1)), e.transportIdleTimeout());
            assertEquals(1006, c.awaitClose().getCloseCode().getCode());
            CloseStatus status = e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            assertTrue(status.abrupt(), status.toString());
        }
    }

    @Test
    void anIdleConnectionOutlivesTheTransportIdleCheckAndStillAnswers() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            assertEquals(Optional.empty(), e.transportIdleTimeout(), "the transport has no idle timeout, so 30 s are as safe as 3 s");
            // more than twice the 1 s that drops the connection in the test above (Grizzly checks idleness every second)
            Thread.sleep(2500);
            assertTrue(c.isOpen());
            c.send(Wire.realtimeText("still there?"));
            assertEquals("You said: still there?", Wire.text(c.awaitTurns(1)));
            assertTrue(e.lastSession().orElseThrow().isOpen());
        }
    }

    @Test
    void idleTimeoutClosesWith1011AndAReasonWhenNoClientMessageArrives() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().idleTimeout(Duration.ofMillis(300)).start();
                RawLiveClient c = RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER)) {
            long start = System.nanoTime();
            c.send(Wire.textSetup(ModelCatalog.TEST_MODEL));
            c.await(m -> m.setupComplete() != null);
            CloseReason r = c.awaitClose();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1011, r.getCloseCode().getCode());
            assertEquals("Idle timeout: no client message for 300ms", r.getReasonPhrase());
            assertTrue(ms >= 300, "closed " + ms + " ms after the last client message");
            CloseStatus status = e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            assertEquals(new CloseStatus(1011, "Idle timeout: no client message for 300ms", true, false), status);
        }
    }

    @Test
    void idleTimeoutReasonNamesWholeSeconds() {
        assertEquals("Idle timeout: no client message for 30s", CloseReasons.idleTimeout(Duration.ofSeconds(30)));
    }

    @Test
    void realtimeInputKeepsAnIdleTimeoutFromFiring() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().idleTimeout(Duration.ofMillis(400)).start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            for (int i = 0; i < 12; i++) { // 1.2 s of input, three times the idle timeout
                c.send(Audio.silence(100));
                Thread.sleep(100);
            }
            assertTrue(c.isOpen(), "input arrived every 100 ms");
            assertEquals(1011, c.awaitClose().getCloseCode().getCode(), "then the input stopped");
        }
    }

    @Test
    void aModelTurnStillStreamingIsNotIdle() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().idleTimeout(Duration.ofMillis(200))
                .chunkDelay(Duration.ofMillis(60)).start();
                RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            String words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
            c.send(Wire.realtimeText(words));
            List<ServerMessage> turn = c.awaitTurns(1); // about 10 chunks, 60 ms apart: longer than the idle timeout
            assertEquals("You said: " + words, Wire.text(turn));
            assertEquals(1011, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void stoppingTheEmulatorSendsOpenConnectionsACloseFrame() throws Exception {
        GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
        try (RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            EmulatorSession s = e.lastSession().orElseThrow();
            e.close();
            CloseReason r = c.awaitClose();
            assertEquals(1001, r.getCloseCode().getCode());
            assertEquals("The emulator is shutting down.", r.getReasonPhrase());
            assertFalse(s.isOpen());
        }
    }
}
