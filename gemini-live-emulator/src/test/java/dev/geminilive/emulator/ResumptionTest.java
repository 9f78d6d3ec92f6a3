package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.geminilive.protocol.ServerMessage;
import dev.geminilive.protocol.SessionResumptionUpdate;

class ResumptionTest {

    @RegisterExtension
    static final GeminiLiveEmulatorExtension EMULATOR = GeminiLiveEmulatorExtension.builder().build();

    static String setup(String resumption) {
        return "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},"
                + "\"sessionResumption\":" + resumption + "}}";
    }

    static List<SessionResumptionUpdate> updates(List<ServerMessage> ms) {
        return ms.stream().filter(m -> m.sessionResumptionUpdate() != null).map(ServerMessage::sessionResumptionUpdate).toList();
    }

    /** @return the handle of the first resumable update at or after index {@code from} */
    static String handleFrom(RawLiveClient c, int from) throws Exception {
        int at = c.awaitIndex(m -> m.sessionResumptionUpdate() != null && m.sessionResumptionUpdate().isResumable(),
                Duration.ofSeconds(5), from);
        return c.messages().get(at).sessionResumptionUpdate().newHandle();
    }

    @Test
    void updatesAreNotResumableWhileGeneratingAndCarryANewHandleAfterTheTurn() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("{}"))) {
            c.send(Wire.realtimeText("hello"));
            int turnComplete = c.awaitTurns(1).size() - 1;
            assertTrue(!handleFrom(c, turnComplete).isEmpty());
            List<ServerMessage> all = c.messages();
            SessionResumptionUpdate busy = updates(all.subList(0, turnComplete)).stream().filter(u -> !u.resumable()).findFirst().orElseThrow();
            assertEquals("", busy.newHandle());
            assertTrue(updates(all).stream().allMatch(u -> u.lastConsumedClientMessageIndex() == null));
        }
    }

    @Test
    void noUpdatesWithoutSessionResumptionInSetup() throws Exception {
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), Wire.textSetup(ModelCatalog.TEST_MODEL))) {
            c.send(Wire.realtimeText("hello"));
            assertTrue(updates(c.awaitTurns(1)).isEmpty());
        }
    }

    @Test
    void resumingWithAHandleRestoresTheConversation() throws Exception {
        String handle;
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("{}"))) {
            c.send(Wire.realtimeText("my name is Linus"));
            handle = handleFrom(c, c.awaitTurns(1).size());
        }
        EMULATOR.emulator().lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
        try (RawLiveClient c = Wire.open(EMULATOR.emulator(), setup("{\"handle\":\"" + handle + "\"}"))) {
            c.send(Wire.realtimeText("what is my name"));
            assertEquals("Your name is Linus.", Wire.text(c.awaitTurns(1)));
            EmulatorSession resumed = EMULATOR.emulator().lastSession().orElseThrow();
            assertTrue(resumed.resumed());
        }
    }

    @Test
    void unknownHandleClosesWith1007() throws Exception {
        try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
            c.send(setup("{\"handle\":\"CihNope\"}"));
            assertEquals(1007, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void resumingWhileTheOldConnectionIsOpenClosesWith1011() throws Exception {
        try (RawLiveClient old = Wire.open(EMULATOR.emulator(), setup("{}"))) {
            String handle = handleFrom(old, 0);
            try (RawLiveClient c = RawLiveClient.connect(EMULATOR.emulator().liveUrl("v1beta"), Wire.KEY_HEADER)) {
                c.send(setup("{\"handle\":\"" + handle + "\"}"));
                jakarta.websocket.CloseReason r = c.awaitClose();
                assertEquals(1011, r.getCloseCode().getCode());
                assertEquals("The session is still in use by another connection. Close it before resuming.", r.getReasonPhrase());
            }
            assertTrue(old.isOpen());
            old.send(Wire.realtimeText("still mine"));
            assertEquals("You said: still mine", Wire.text(old.awaitTurns(1)));
        }
    }

    @Test
    void whenAllowedAResumeWhileTheOldConnectionIsOpenClosesTheOldOneWith1000BeforeSetupCompletes() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().rejectResumeWhileConnected(false).start();
                RawLiveClient old = Wire.open(e, setup("{}"))) {
            old.send(Wire.realtimeText("my name is Grace"));
            String handle = handleFrom(old, old.awaitTurns(1).size());
            EmulatorSession oldSession = e.lastSession().orElseThrow();
            try (RawLiveClient c = Wire.open(e, setup("{\"handle\":\"" + handle + "\"}"))) {
                assertEquals(new CloseStatus(1000, "Session resumed on another connection.", true, false),
                        oldSession.closeStatus().orElseThrow(), "closed before the new connection's setupComplete");
                jakarta.websocket.CloseReason r = old.awaitClose();
                assertEquals(1000, r.getCloseCode().getCode());
                assertEquals("Session resumed on another connection.", r.getReasonPhrase());
                c.send(Wire.realtimeText("what is my name"));
                assertEquals("Your name is Grace.", Wire.text(c.awaitTurns(1)));
                List<EmulatorSession> connections = e.conversationSessions(oldSession.conversationId());
                assertEquals(2, connections.size());
                assertEquals(1, connections.stream().filter(EmulatorSession::isOpen).count(), "one live connection per session");
            }
        }
    }

    @Test
    void transparentResumptionReportsTheLastConsumedClientMessageIndex() throws Exception {
        try (RawLiveClient c = Wire.openVertex(EMULATOR.emulator(), setup("{\"transparent\":true}"))) {
            c.send(Wire.realtimeText("one"));
            c.awaitTurns(1);
            c.send(Wire.realtimeText("two"));
            c.awaitTurns(2);
            c.await(m -> m.sessionResumptionUpdate() != null && m.sessionResumptionUpdate().isResumable()
                    && m.sessionResumptionUpdate().lastConsumedClientMessageIndex() == 2L);
            assertEquals(0L, updates(c.messages()).get(0).lastConsumedClientMessageIndex(), "setup is message 0");
        }
    }

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void handlesExpireAfterTheConfiguredTimeSinceTheSessionClosed() throws Exception {
        ManualClock clock = new ManualClock();
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().handleTtl(Duration.ofHours(2)).clock(clock).start()) {
            String handle;
            try (RawLiveClient c = Wire.open(e, setup("{}"))) {
                handle = handleFrom(c, 0);
            }
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            clock.now = clock.now.plus(Duration.ofMinutes(119));
            try (RawLiveClient c = Wire.open(e, setup("{\"handle\":\"" + handle + "\"}"))) {
                assertTrue(c.isOpen(), "still valid just under 2 h");
            }
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            clock.now = clock.now.plus(Duration.ofHours(2).plusSeconds(1));
            try (RawLiveClient c = RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER)) {
                c.send(setup("{\"handle\":\"" + handle + "\"}"));
                assertEquals(1007, c.awaitClose().getCloseCode().getCode());
                assertFalse(c.frames().stream().anyMatch(f -> f.text().contains("setupComplete")));
            }
        }
    }
}
