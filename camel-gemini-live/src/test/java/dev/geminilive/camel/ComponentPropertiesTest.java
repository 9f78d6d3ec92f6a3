package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.Setup;
import dev.geminilive.protocol.Tool;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

/** camel.component.gemini-live.* properties configure every endpoint, through the generated configurers. */
class ComponentPropertiesTest {

    @Test
    void componentPropertiesBecomeEndpointDefaults() throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().start()) {
            Main main = new Main();
            Properties props = new Properties();
            props.put("camel.component.gemini-live.base-url", emulator.url());
            props.put("camel.component.gemini-live.api-key", "props-key");
            props.put("camel.component.gemini-live.model", "gemini-2.5-flash-native-audio-preview-12-2025");
            props.put("camel.component.gemini-live.voice-name", "Kore");
            props.put("camel.component.gemini-live.temperature", "0.4");
            props.put("camel.component.gemini-live.google-search", "true");
            props.put("camel.component.gemini-live.functions",
                    "[{\"name\":\"lookup\",\"description\":\"Looks up\",\"behavior\":\"NON_BLOCKING\"}]");
            main.setOverrideProperties(props);
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:props").to("gemini-live:props?maxOutputTokens=64");
                }
            });
            main.start();
            try {
                String answer = main.getCamelContext().createProducerTemplate().requestBody("direct:props", "Hello", String.class);
                assertEquals("You said: Hello", answer);
                Setup setup = emulator.sessions().get(0).setup().orElseThrow();
                assertEquals("models/gemini-2.5-flash-native-audio-preview-12-2025", setup.model());
                assertEquals("Kore", setup.generationConfig().speechConfig().voiceConfig().prebuiltVoiceConfig().voiceName());
                assertEquals(0.4, setup.generationConfig().temperature());
                assertEquals(64, setup.generationConfig().maxOutputTokens(), "the URI adds to the component defaults");
                List<Tool> tools = setup.tools();
                assertEquals("lookup", tools.get(0).functionDeclarations().get(0).name());
                assertEquals(java.util.Map.of(), tools.get(1).googleSearch());
            } finally {
                main.stop();
            }
        }
    }
}
