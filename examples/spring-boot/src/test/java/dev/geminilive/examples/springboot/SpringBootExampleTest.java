package dev.geminilive.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.geminilive.camel.GeminiLiveComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Runs the example as written, through its main method (so with its in-process emulator), its application.yaml and
 * its YAML routes, and checks that every answer is the one to its own question.
 */
@SpringBootTest(useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@ExtendWith(OutputCaptureExtension.class)
class SpringBootExampleTest {

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate template;

    @Test
    void theStartUpDemoAnswersEachQuestionWithItsOwnAnswer(CapturedOutput output) throws Exception {
        String[] questions = camel.resolvePropertyPlaceholders("{{example.questions}}").split(";");
        assertEquals(3, questions.length);
        // the demo ran at start-up, before this test's output capture: run it again, as it is
        camel.getRouteController().stopRoute("demo");
        camel.getRouteController().startRoute("demo");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String q : questions) {
            String line = "Q: " + q + " | A: You said: " + q;
            while (!output.getAll().contains(line) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(output.getAll().contains(line), "the demo route logs '" + line + "':\n" + output.getAll());
        }
    }

    @Test
    void theAskRouteAnswersConcurrentConversationsEachWithItsOwnAnswer() throws Exception {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(template.asyncRequestBodyAndHeader("direct:ask", "Question number " + i + "?",
                    "CamelGeminiLiveConversationId", "test-" + i, String.class));
        }
        for (int i = 0; i < answers.size(); i++) {
            assertEquals("You said: Question number " + i + "?", answers.get(i).get(), "answer " + i);
        }
    }

    @Test
    void theComponentIsConfiguredFromApplicationYaml() {
        GeminiLiveComponent component = camel.getComponent("gemini-live", GeminiLiveComponent.class);
        assertTrue(component.getConfiguration().getBaseUrl().startsWith("ws://127.0.0.1:"),
                "application.yaml points the component at the in-process emulator: " + component.getConfiguration().getBaseUrl());
        assertEquals("Answer in one sentence.", component.getConfiguration().getSystemInstruction());
        assertEquals(30_000L, component.getConfiguration().getTurnTimeout());
    }
}
