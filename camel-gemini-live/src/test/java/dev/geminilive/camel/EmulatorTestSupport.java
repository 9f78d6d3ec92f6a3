package dev.geminilive.camel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.ClientMessage;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;

/** Camel tests against a fresh emulator on 127.0.0.1. */
abstract class EmulatorTestSupport extends CamelTestSupport {

    static final String KEY = "test-key";
    static final String MODEL_3 = "gemini-3.1-flash-live-preview";
    static final String MODEL_25_AUDIO = "gemini-2.5-flash-native-audio-preview-12-2025";
    static final String MODEL_25_TEXT = "gemini-live-2.5-flash-preview";

    protected GeminiLiveEmulator emulator = startEmulator();

    /** Override to configure the emulator. */
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder();
    }

    private GeminiLiveEmulator startEmulator() {
        return emulatorBuilder().start();
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    /** @return an endpoint URI on the emulator */
    String uri(String name, String options) {
        return "gemini-live:" + name + "?baseUrl=" + emulator.url() + "&apiKey=" + KEY + (options.isEmpty() ? "" : "&" + options);
    }

    /** @return the client messages a session received, in order */
    static List<ClientMessage> clientMessages(EmulatorSession session) {
        return session.allFrames().stream().filter(RecordedFrame::isIn).map(RecordedFrame::client).toList();
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
