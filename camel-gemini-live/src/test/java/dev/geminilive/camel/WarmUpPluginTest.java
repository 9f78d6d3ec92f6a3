package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;

import org.apache.camel.spi.ContextServicePlugin;
import org.junit.jupiter.api.Test;

/** Camel finds {@link GeminiLiveWarmUp} when it builds a context, as it finds any ContextServicePlugin. */
class WarmUpPluginTest {

    @Test
    void theWarmUpIsAContextServicePlugin() {
        assertTrue(ServiceLoader.load(ContextServicePlugin.class).stream()
                .anyMatch(p -> p.type() == GeminiLiveWarmUp.class));
    }
}
