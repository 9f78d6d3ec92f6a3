package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.geminilive.emulator.GeminiLiveEmulator;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * With every logger at its finest level, no log record, exception or console line ever holds a credential: not during
 * a working session, a refused key, a refused handshake, nor a close. Covers API keys, ephemeral tokens and Vertex AI
 * bearer tokens.
 */
class CredentialsNeverLoggedTest extends EmulatorTestSupport {

    private static final String GOOD_KEY = "AIzaSyGOODkey0123456789secret";
    private static final String WRONG_KEY = "AIzaSyWRONGkey0123456789secret";
    private static final String TOKEN = "auth_tokens/ephemeralSECRET42";
    private static final String BEARER = "ya29.bearerSECRET77";

    @Override
    protected GeminiLiveEmulator.Builder emulatorBuilder() {
        return GeminiLiveEmulator.builder().apiKey(GOOD_KEY);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String base = "baseUrl=" + emulator.url() + "&model=" + MODEL_3;
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:key").to("gemini-live:key?" + base + "&apiKey=" + GOOD_KEY);
                from("direct:wrongKey").to("gemini-live:wrong?" + base + "&apiKey=" + WRONG_KEY);
                from("direct:noSuchPath").to("gemini-live:refused?" + base + "&apiKey=" + GOOD_KEY + "&apiVersion=v0");
                from("direct:token").to("gemini-live:token?" + base + "&authToken=" + TOKEN);
                from("direct:vertex").to("gemini-live:vertex?baseUrl=" + emulator.url() + "&backend=vertex&project=p"
                                         + "&model=gemini-live-2.5-flash&bearerToken=" + BEARER);
            }
        };
    }

    @Test
    void noCredentialReachesAnyLogAtTheFinestLevel() throws Exception {
        List<String> logged;
        try (LogCapture capture = new LogCapture()) {
            assertEquals("You said: hi", template.requestBody("direct:key", "hi", String.class));
            template.sendBodyAndHeader("direct:key", null, GeminiLiveConstants.MESSAGE_TYPE, "endSession");
            CamelExecutionException wrong = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("direct:wrongKey", "hi", String.class));
            assertTrue(wrong.getCause().getMessage().contains("API key not valid"), wrong.getCause().getMessage());
            CamelExecutionException refused = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("direct:noSuchPath", "hi", String.class));
            assertTrue(refused.getCause().getMessage().contains("HTTP 404"), refused.getCause().getMessage());
            assertEquals("You said: hi", template.requestBody("direct:token", "hi", String.class));
            assertEquals("You said: hi", template.requestBody("direct:vertex", "hi", String.class));
            context.stop(); // every session closes
            logged = capture.everything();
            assertTrue(capture.julRecords() > 50, "Tyrus and Grizzly logged at FINEST: " + capture.julRecords());
            // the capture saw what would leak: Tyrus' handshake dump, and slf4j's DEBUG lines of Camel and this project
            assertTrue(logged.stream().anyMatch(l -> l.contains("x-goog-api-key: <redacted>")), "the handshake dump was logged");
            assertTrue(logged.stream().anyMatch(l -> l.contains("Authorization: <redacted>")), "with an Authorization header");
            assertTrue(capture.console().contains("DEBUG org.apache.camel"), "Camel logged at DEBUG");
        }
        for (String secret : new String[] { GOOD_KEY, WRONG_KEY, TOKEN, "ephemeralSECRET42", BEARER }) {
            for (String entry : logged) {
                assertTrue(!entry.contains(secret), "a log holds " + secret + ":\n" + excerpt(entry, secret));
            }
        }
    }

    private static String excerpt(String text, String secret) {
        int at = text.indexOf(secret);
        return text.substring(Math.max(0, at - 600), Math.min(text.length(), at + 200));
    }
}
