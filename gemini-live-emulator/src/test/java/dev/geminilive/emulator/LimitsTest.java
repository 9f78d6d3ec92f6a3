package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;

import jakarta.websocket.CloseReason;

import org.junit.jupiter.api.Test;

import dev.geminilive.protocol.ServerMessage;

class LimitsTest {

    private static final String VIDEO_FRAME = "{\"realtimeInput\":{\"video\":{\"mimeType\":\"image/jpeg\",\"data\":\""
            + Base64.getEncoder().encodeToString(new byte[8]) + "\"}}}";

    @Test
    void goAwayComesAtLifetimeMinusLeadThenTheConnectionClosesWith1011DeadlineExpired() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().connectionLifetime(Duration.ofMillis(1000))
                .goAwayLead(Duration.ofMillis(500)).start();
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            long start = System.nanoTime();
            ServerMessage goAway = c.await(m -> m.goAway() != null);
            assertEquals(Duration.ofMillis(500), goAway.goAway().timeLeft());
            CloseReason r = c.awaitClose();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1011, r.getCloseCode().getCode());
            assertEquals("Deadline expired before operation could complete.", r.getReasonPhrase());
            assertTrue(elapsedMs >= 300, "closed at the lifetime, not at goAway: " + elapsedMs);
            assertEquals(1011, e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5)).code());
        }
    }

    @Test
    void goAwayTimeLeftIsAProtobufDurationString() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().connectionLifetime(Duration.ofMillis(1000))
                .goAwayLead(Duration.ofMillis(500)).start();
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            c.await(m -> m.goAway() != null);
            assertTrue(c.frames().stream().anyMatch(f -> f.text().equals("{\"goAway\":{\"timeLeft\":\"0.500s\"}}")));
        }
    }

    @Test
    void audioSessionLimitClosesWith1008Aborted() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().audioSessionLimit(Duration.ofMillis(400)).start();
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            CloseReason r = c.awaitClose();
            assertEquals(1008, r.getCloseCode().getCode());
            assertEquals("The operation was aborted.", r.getReasonPhrase());
        }
    }

    @Test
    void videoShortensTheSessionLimit() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().audioSessionLimit(Duration.ofMinutes(15))
                .videoSessionLimit(Duration.ofMillis(300)).start();
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
            c.send(VIDEO_FRAME);
            assertEquals(1008, c.awaitClose().getCloseCode().getCode());
        }
    }

    @Test
    void contextWindowCompressionLiftsTheSessionLimit() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().audioSessionLimit(Duration.ofMillis(200)).start();
                RawLiveClient c = Wire.open(e, "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL
                        + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},\"contextWindowCompression\":{\"slidingWindow\":{}}}}")) {
            Thread.sleep(400); // nothing to wait for: the test proves that no close happens past the limit
            c.send(Wire.realtimeText("still here"));
            assertEquals("You said: still here", Wire.text(c.awaitTurns(1)));
        }
    }

    /** Opens a resumable session, waits for its first handle, closes it, and returns the handle. */
    private static String firstConnectionHandle(GeminiLiveEmulator e, String... inputs) throws Exception {
        String handle;
        try (RawLiveClient c = Wire.open(e, ResumptionTest.setup("{}"))) {
            handle = ResumptionTest.handleFrom(c, 0);
            for (String in : inputs) {
                c.send(in);
            }
            ResumptionUpdateTest.awaitReceived(e.lastSession().orElseThrow(), 1 + inputs.length);
        }
        e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
        return handle;
    }

    @Test
    void audioSessionLimitCountsFromTheSessionsFirstConnectionAcrossAResumption() throws Exception {
        ResumptionTest.ManualClock clock = new ResumptionTest.ManualClock();
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().clock(clock).audioSessionLimit(Duration.ofMinutes(10)).start()) {
            String handle = firstConnectionHandle(e);
            clock.now = clock.now.plus(Duration.ofMinutes(10).minusMillis(300));
            try (RawLiveClient c = Wire.open(e, ResumptionTest.setup("{\"handle\":\"" + handle + "\"}"))) {
                long start = System.nanoTime();
                CloseReason r = c.awaitClose(); // a fresh session would have 10 minutes
                assertEquals(1008, r.getCloseCode().getCode());
                assertEquals("The operation was aborted.", r.getReasonPhrase());
                assertTrue((System.nanoTime() - start) / 1_000_000 < 3000);
            }
        }
    }

    @Test
    void videoOnAnEarlierConnectionKeepsTheVideoLimitAfterAResumption() throws Exception {
        ResumptionTest.ManualClock clock = new ResumptionTest.ManualClock();
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().clock(clock).audioSessionLimit(Duration.ofMinutes(15))
                .videoSessionLimit(Duration.ofMinutes(2)).start()) {
            String handle = firstConnectionHandle(e, VIDEO_FRAME);
            clock.now = clock.now.plus(Duration.ofMinutes(2).minusMillis(300));
            try (RawLiveClient c = Wire.open(e, ResumptionTest.setup("{\"handle\":\"" + handle + "\"}"))) {
                assertEquals(1008, c.awaitClose().getCloseCode().getCode(), "the 2 min limit, not the 15 min one");
            }
        }
    }

    @Test
    void contextWindowCompressionInTheResumingSetupLiftsALimitTheSessionHasPassed() throws Exception {
        ResumptionTest.ManualClock clock = new ResumptionTest.ManualClock();
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().clock(clock).audioSessionLimit(Duration.ofMinutes(10)).start()) {
            String handle = firstConnectionHandle(e);
            clock.now = clock.now.plus(Duration.ofMinutes(11));
            try (RawLiveClient c = Wire.open(e, "{\"setup\":{\"model\":\"" + ModelCatalog.TEST_MODEL
                    + "\",\"generationConfig\":{\"responseModalities\":[\"TEXT\"]},\"contextWindowCompression\":{\"slidingWindow\":{}},"
                    + "\"sessionResumption\":{\"handle\":\"" + handle + "\"}}}")) {
                c.send(Wire.realtimeText("still here"));
                assertEquals("You said: still here", Wire.text(c.awaitTurns(1)));
                assertTrue(c.isOpen());
            }
            e.lastSession().orElseThrow().awaitClose(Duration.ofSeconds(5));
            String next = lastHandleOf(e);
            try (RawLiveClient c = RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER)) {
                c.send(ResumptionTest.setup("{\"handle\":\"" + next + "\"}"));
                assertEquals(1008, c.awaitClose().getCloseCode().getCode(), "without compression the passed limit closes at once");
            }
        }
    }

    /** @return the newest resumable handle the last connection received */
    private static String lastHandleOf(GeminiLiveEmulator e) {
        return e.lastSession().orElseThrow().frames().sentMessages().stream().filter(m -> m.sessionResumptionUpdate() != null
                && m.sessionResumptionUpdate().isResumable()).reduce((a, b) -> b).orElseThrow().sessionResumptionUpdate().newHandle();
    }

    @Test
    void fourthConcurrentSessionOfAKeyClosesWith1011ResourceExhausted() throws Exception {
        try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().maxSessionsPerKey(3).start();
                RawLiveClient a = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL));
                RawLiveClient b = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL));
                RawLiveClient c = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL));
                RawLiveClient d = RawLiveClient.connect(e.liveUrl("v1beta"), Wire.KEY_HEADER)) {
            d.send(Wire.setup(ModelCatalog.TEST_MODEL));
            CloseReason r = d.awaitClose();
            assertEquals(1011, r.getCloseCode().getCode());
            assertEquals("RESOURCE_EXHAUSTED: Maximum concurrent sessions exceeded for this API key.", r.getReasonPhrase());
            try (RawLiveClient other = RawLiveClient.connect(e.liveUrl("v1beta"), java.util.Map.of("x-goog-api-key", "other-key"))) {
                other.send(Wire.setup(ModelCatalog.TEST_MODEL));
                other.await(m -> m.setupComplete() != null);
            }
            a.close();
            e.session("s1").orElseThrow().awaitClose(Duration.ofSeconds(5));
            try (RawLiveClient again = Wire.open(e, Wire.setup(ModelCatalog.TEST_MODEL))) {
                assertTrue(again.isOpen(), "a slot frees when a session closes");
            }
        }
    }
}
