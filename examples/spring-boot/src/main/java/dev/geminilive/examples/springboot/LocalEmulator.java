package dev.geminilive.examples.springboot;

import java.util.Map;

import dev.geminilive.emulator.GeminiLiveEmulator;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When {@code gemini.emulator.enabled} is true, starts a Gemini Live emulator on 127.0.0.1 (a free port) before the
 * application context, and publishes its address as {@code gemini.emulator.url} and the key it accepts as
 * {@code gemini.emulator.api-key}, which application.yaml hands to the component. Stops it with the application.
 */
public class LocalEmulator implements ApplicationListener<ApplicationEvent> {

    private GeminiLiveEmulator emulator;

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            start(prepared.getEnvironment());
        } else if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
            stop();
        }
    }

    private synchronized void start(ConfigurableEnvironment env) {
        if (emulator != null || !env.getProperty("gemini.emulator.enabled", Boolean.class, true)) {
            return;
        }
        String key = env.getProperty("gemini.emulator.api-key", "emulator-key");
        emulator = GeminiLiveEmulator.builder().apiKey(key).start();
        env.getPropertySources().addFirst(new MapPropertySource("gemini-live-emulator",
                Map.of("gemini.emulator.url", emulator.url(), "gemini.emulator.api-key", key)));
        System.err.println("Talking to the local Gemini Live emulator at " + emulator.url()
                           + " (gemini.emulator.enabled=false and GEMINI_API_KEY to talk to Google)");
    }

    private synchronized void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
