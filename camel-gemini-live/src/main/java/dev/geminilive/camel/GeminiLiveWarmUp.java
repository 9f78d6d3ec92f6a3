package dev.geminilive.camel;

import dev.geminilive.client.LiveClient;
import dev.geminilive.models.ModelProfiles;
import dev.geminilive.protocol.LiveCodec;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;

/**
 * Camel loads this plugin (through {@link java.util.ServiceLoader}) while it builds a CamelContext, long before the
 * routes start and this component is created. It starts, once per JVM, the Live client's background warm-up
 * ({@link LiveClient#warmUpInBackground(Runnable)}), what an endpoint reads when it starts first (the model profiles and
 * the strict codec that checks declared functions), so that this work overlaps Camel's own start instead of following
 * it: in a fresh JVM each takes a few hundred milliseconds. Nothing else changes; an endpoint that needs a part before it
 * is ready waits for it or builds it itself.
 *
 * <p>Off with the system property {@value #PROPERTY}{@code =false}, e.g. for a JVM whose contexts do not use this
 * component (it then costs one short-lived daemon thread's CPU time).
 */
public final class GeminiLiveWarmUp implements ContextServicePlugin {

    /** The system property that turns the warm-up off when {@code false}. */
    public static final String PROPERTY = "gemini-live.warmUp";

    @Override
    public void load(CamelContext camelContext) {
        if (!"false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            LiveClient.warmUpInBackground(GeminiLiveWarmUp::endpointParts);
        }
    }

    /** What every endpoint's start reads, in the order it reads it. */
    private static void endpointParts() {
        ModelProfiles.all();
        LiveCodec.strict();
    }
}
