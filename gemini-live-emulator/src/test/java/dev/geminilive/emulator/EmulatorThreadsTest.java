package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** An emulator that served connections leaves no thread behind once closed, however many a test suite starts. */
class EmulatorThreadsTest {

    private static Set<String> tyrusThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("tyrus-")).collect(Collectors.toSet());
    }

    @Test
    void closingEmulatorsThatServedConnectionsStopsTheirWebSocketThreads() throws Exception {
        Set<String> before = tyrusThreads();
        for (int i = 0; i < 3; i++) {
            try (GeminiLiveEmulator e = GeminiLiveEmulator.builder().start();
                    RawLiveClient c = Wire.open(e, Wire.textSetup(ModelCatalog.TEST_MODEL))) {
                c.send(Wire.realtimeText("hello " + i));
                assertEquals("You said: hello " + i, Wire.text(c.awaitTurns(1)));
            }
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<String> left = tyrusThreads();
        left.removeAll(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = tyrusThreads();
            left.removeAll(before);
        }
        assertTrue(left.isEmpty(), "threads left by closed emulators: " + left);
    }
}
