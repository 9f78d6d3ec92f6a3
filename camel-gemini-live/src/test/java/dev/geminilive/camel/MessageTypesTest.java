package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.geminilive.audio.Pcm;
import dev.geminilive.audio.WavWriter;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.protocol.Content;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explicit message types and the remaining body kinds. */
class MessageTypesTest extends EmulatorTestSupport {

    @TempDir
    Path dir;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:manual").to(uri("manual", "model=" + MODEL_3 + "&automaticActivityDetection=false&replyFormat=audio"));
                from("direct:history25").to(uri("history25", "model=" + MODEL_25_TEXT + "&responseModalities=TEXT"));
                from("direct:seed3").to(uri("seed3", "model=" + MODEL_3 + "&initialHistoryInClientContent=true"));
                from("direct:chat").to(uri("chat", "model=" + MODEL_3));
            }
        };
    }

    @Test
    void withManualActivityDetectionAnAudioFileIsBracketedByActivityStartAndEnd() throws Exception {
        Path wav = dir.resolve("question.wav");
        Files.write(wav, WavWriter.toWav(Pcm.speechLike(16000, 1500, 7), 16000));

        Exchange reply = template.request("direct:manual", e -> e.getMessage().setBody(wav.toFile()));
        assertEquals(null, reply.getException());
        byte[] pcm = reply.getMessage().getBody(byte[].class);
        assertTrue(pcm.length > 0, "the reply is raw PCM");
        assertEquals("audio/pcm;rate=24000", reply.getMessage().getHeader(GeminiLiveConstants.MIME_TYPE));
        assertEquals("I heard 1.5 seconds of audio.", reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION));

        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertNotNull(sent.get(1).realtimeInput().activityStart(), "activityStart first");
        assertNotNull(sent.get(sent.size() - 1).realtimeInput().activityEnd(), "activityEnd last");
        assertEquals(15, sent.size() - 3, "1.5 s in 100 ms chunks");
    }

    @Test
    void explicitActivityMessagesAreSentAsGiven() throws Exception {
        template.sendBodyAndHeader("direct:manual", null, GeminiLiveConstants.MESSAGE_TYPE, "activityStart");
        template.sendBodyAndHeaders("direct:manual", Pcm.speechLike(16000, 800, 3), Map.of(GeminiLiveConstants.MESSAGE_TYPE, "audio",
                GeminiLiveConstants.TURN_COMPLETE, false));
        Exchange reply = template.request("direct:manual", e -> e.getMessage().setHeader(GeminiLiveConstants.MESSAGE_TYPE, "activityEnd"));
        assertEquals("I heard 0.8 seconds of audio.", reply.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION));
        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertNotNull(sent.get(1).realtimeInput().activityStart());
        assertNotNull(sent.get(sent.size() - 1).realtimeInput().activityEnd());
        assertEquals(8 + 3, sent.size(), "setup, activityStart, 8 chunks, activityEnd; no audioStreamEnd");
    }

    @Test
    void historyTurnsSeedTheConversationOnA25Model() {
        List<Content> history = List.of(Content.user("My name is Grace"), Content.model("Nice to meet you, Grace."));
        template.sendBodyAndHeader("direct:history25", history, GeminiLiveConstants.MESSAGE_TYPE, "clientContent");
        assertEquals("Your name is Grace.", template.requestBody("direct:history25", "What is my name?", String.class));
        ClientMessage seeded = clientMessages(emulator.sessions().get(0)).get(1);
        assertEquals(2, seeded.clientContent().turns().size());
        assertEquals(Boolean.FALSE, seeded.clientContent().turnComplete(), "history alone does not start a turn");
    }

    @Test
    void historyJsonSeedsA3xModelWithHistoryConfig() {
        template.sendBodyAndHeader("direct:seed3", "[{\"role\":\"user\",\"parts\":[{\"text\":\"Remember the code is 42\"}]},"
                                                   + "{\"role\":\"model\",\"parts\":[{\"text\":\"I will remember: the code is 42.\"}]}]",
                GeminiLiveConstants.MESSAGE_TYPE, "clientContent");
        assertEquals("You asked me to remember: the code is 42.",
                template.requestBody("direct:seed3", "What did I ask you to remember?", String.class));
        assertEquals(Boolean.TRUE, emulator.sessions().get(0).setup().orElseThrow().historyConfig().initialHistoryInClientContent());
    }

    @Test
    void aValidRawMessageIsSentAsGiven() {
        String answer = template.requestBodyAndHeader("direct:chat", "{\"realtime_input\":{\"text\":\"raw hello\"}}",
                GeminiLiveConstants.MESSAGE_TYPE, "raw", String.class);
        assertEquals("You said: raw hello", answer);
        assertEquals("raw hello", clientMessages(emulator.sessions().get(0)).get(1).realtimeInput().text());
    }

    @Test
    void aRawContextUpdateIsSentAsGivenAndStartsNoTurn() {
        template.requestBodyAndHeader("direct:chat",
                "{\"contextUpdate\":{\"systemInstruction\":{\"parts\":[{\"text\":\"Answer in French.\"}]},\"tools\":{\"tools\":[]}}}",
                GeminiLiveConstants.MESSAGE_TYPE, "raw");
        assertEquals("You said: bonjour", template.requestBody("direct:chat", "bonjour", String.class));
        List<ClientMessage> sent = clientMessages(emulator.sessions().get(0));
        assertEquals(ClientMessage.Kind.CONTEXT_UPDATE, sent.get(1).kind());
        assertEquals("Answer in French.", sent.get(1).contextUpdate().systemInstruction().text());
        assertEquals(List.of(), sent.get(1).contextUpdate().tools().tools());
    }

    @Test
    void aContextUpdateChangesTheSystemInstructionAndToolsMidSessionAsJsonOrAsARecord() {
        assertEquals("You said: hello", template.requestBody("direct:chat", "hello", String.class));
        template.requestBodyAndHeader("direct:chat", "{\"systemInstruction\":{\"parts\":[{\"text\":\"Answer in French.\"}]}}",
                GeminiLiveConstants.MESSAGE_TYPE, "contextUpdate");
        template.requestBody("direct:chat", dev.geminilive.protocol.ContextUpdate.ofTools(List.of()));
        assertEquals("You said: bonjour", template.requestBody("direct:chat", "bonjour", String.class), "the session goes on");
        List<ClientMessage> updates = clientMessages(emulator.sessions().get(0)).stream()
                .filter(m -> m.kind() == ClientMessage.Kind.CONTEXT_UPDATE).toList();
        assertEquals(2, updates.size());
        assertEquals("Answer in French.", updates.get(0).contextUpdate().systemInstruction().text());
        assertEquals(List.of(), updates.get(1).contextUpdate().tools().tools());
        assertEquals(1, emulator.sessions().size());
    }

    @Test
    void aContextUpdateThatIsNotOneFailsAtOnceNamingTheField() {
        org.apache.camel.CamelExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.camel.CamelExecutionException.class, () -> template.requestBodyAndHeader("direct:chat",
                        "{\"systemInstructions\":\"x\"}", GeminiLiveConstants.MESSAGE_TYPE, "contextUpdate"));
        assertTrue(e.getCause().getMessage().startsWith("Invalid contextUpdate:"), e.getCause().getMessage());
    }

    @Test
    void anImageFileIsSentAsVideoByItsExtension() throws Exception {
        byte[] png = Base64Png.TINY;
        Path file = dir.resolve("frame.png");
        Files.write(file, png);
        template.sendBody("direct:chat", file);
        assertEquals("I see 1 image (image/png).", template.requestBody("direct:chat", "What can you see?", String.class));
        ClientMessage frame = clientMessages(emulator.sessions().get(0)).get(1);
        assertEquals("image/png", frame.realtimeInput().video().mimeType());
        assertArrayEquals(png, frame.realtimeInput().video().data());
    }

    /** A 1x1 PNG. */
    static final class Base64Png {
        static final byte[] TINY = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}
