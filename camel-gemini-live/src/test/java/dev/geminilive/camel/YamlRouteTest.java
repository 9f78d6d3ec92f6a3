package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/** A YAML DSL route holds a multi-turn conversation, options set as YAML parameters and on the component. */
class YamlRouteTest extends EmulatorTestSupport {

    @Test
    void yamlRouteHoldsAMultiTurnConversationWithMemory() throws Exception {
        GeminiLiveComponent component = context.getComponent("gemini-live", GeminiLiveComponent.class);
        component.getConfiguration().setApiKey(KEY);
        component.getConfiguration().setBaseUrl(emulator.url());
        String yaml = """
                - route:
                    from:
                      uri: direct:yaml
                      steps:
                        - to:
                            uri: gemini-live:yamlchat
                            parameters:
                              model: %s
                              systemInstruction: Answer briefly.
                        - setBody:
                            expression:
                              simple:
                                expression: "Gemini: ${body}"
                """.formatted(MODEL_3);
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("chat.camel.yaml", yaml));

        assertEquals("Gemini: I will remember: the door code is 4711.",
                template.requestBody("direct:yaml", "Remember the door code is 4711", String.class));
        assertEquals("Gemini: You asked me to remember: the door code is 4711.",
                template.requestBody("direct:yaml", "What did I ask you to remember?", String.class));
        assertEquals("Answer briefly.", emulator.sessions().get(0).setup().orElseThrow().systemInstruction().text());
    }
}
