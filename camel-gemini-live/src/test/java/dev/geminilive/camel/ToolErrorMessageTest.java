package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.FunctionResponse;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** What the model learns of a failing tool: never the exception's message unless asked for, so no secret reaches it. */
class ToolErrorMessageTest extends EmulatorTestSupport {

    private static final String SECRET_FAILURE = "Connection refused to internal-db.corp.example:5432 user=app password=hunter2";
    private static final String TOOLS = "functions=resource:classpath:tools/functions.json&toolEndpoint.failing_tool=direct:failing";

    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:generic").to(uri("generic", "model=" + MODEL_3 + "&" + TOOLS));
                from("direct:class").to(uri("class", "model=" + MODEL_3 + "&toolErrorMessage=class&" + TOOLS));
                from("direct:message").to(uri("message", "model=" + MODEL_3 + "&toolErrorMessage=message&" + TOOLS));
                from("direct:own").to(uri("own", "model=" + MODEL_3 + "&functions=resource:classpath:tools/functions.json"
                                                 + "&toolEndpoint.failing_tool=direct:failingWithItsOwnText"));
                from("direct:slow").to(uri("slow", "model=" + MODEL_3 + "&toolTimeout=1500&functions=resource:classpath:tools/"
                                                   + "functions.json&toolEndpoint.slow_tool=direct:slowTool"));

                from("direct:failing").process(e -> {
                    throw new IllegalStateException("Query failed", new ConnectException(SECRET_FAILURE));
                });
                from("direct:failingWithItsOwnText")
                        .onException(ConnectException.class).handled(true)
                            .setHeader(GeminiLiveConstants.TOOL_ERROR, constant("The order database is unavailable; try again later."))
                        .end()
                        .process(e -> {
                            throw new ConnectException(SECRET_FAILURE);
                        });
                from("direct:slowTool").process(e -> release.await(5, TimeUnit.SECONDS));
            }
        };
    }

    @Test
    void byDefaultTheModelGetsAFixedTextNamingTheFunctionAndNoSecretLeavesTheProcess() {
        assertEquals("The failing_tool tool returned {\"error\":\"The function failing_tool failed.\"}.",
                template.requestBody("direct:generic", "Please run failing_tool now", String.class));
        assertEquals("The function failing_tool failed.", toolError());
        assertNoFrameContains("hunter2", "internal-db", "Connection refused");
    }

    @Test
    void toolErrorMessageClassSendsTheFunctionAndTheRootExceptionsClass() {
        template.requestBody("direct:class", "Please run failing_tool now", String.class);
        assertEquals("The function failing_tool failed with ConnectException.", toolError());
        assertNoFrameContains("hunter2", "internal-db");
    }

    @Test
    void toolErrorMessageMessageSendsTheMessageAsItIsWhenAskedFor() {
        template.requestBody("direct:message", "Please run failing_tool now", String.class);
        assertEquals("Query failed", toolError());
    }

    @Test
    void aToolRouteSetsItsOwnTextInTheToolErrorHeader() {
        assertEquals("The failing_tool tool returned {\"error\":\"The order database is unavailable; try again later.\"}.",
                template.requestBody("direct:own", "Please run failing_tool now", String.class));
        assertNoFrameContains("hunter2");
    }

    @Test
    void aTimeoutGetsAFixedText() {
        try {
            template.requestBody("direct:slow", "Please run slow_tool now", String.class);
            assertEquals("The function slow_tool did not answer within 1.5s", toolError());
        } finally {
            release.countDown();
        }
    }

    /** @return the error text of the one toolResponse the server received */
    private String toolError() {
        List<FunctionResponse> responses = emulator.sessions().get(0).allFrames().stream()
                .filter(f -> f.client() != null && f.client().toolResponse() != null)
                .flatMap(f -> f.client().toolResponse().functionResponses().stream()).toList();
        assertEquals(1, responses.size());
        assertFalse(responses.get(0).response().containsKey("output"));
        return (String) responses.get(0).response().get("error");
    }

    private void assertNoFrameContains(String... secrets) {
        for (RecordedFrame f : emulator.sessions().get(0).allFrames()) {
            for (String secret : secrets) {
                assertFalse(f.json().contains(secret), "frame " + f.seq() + " holds " + secret + ": " + f.json());
            }
        }
        assertTrue(emulator.sessions().get(0).allFrames().size() > 2);
    }
}
