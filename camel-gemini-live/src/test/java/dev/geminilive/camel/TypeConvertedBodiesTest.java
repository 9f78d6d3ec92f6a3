package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.geminilive.audio.WavWriter;
import dev.geminilive.protocol.ClientMessage;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bodies of any type Camel can read — files from file:, streams, bodies a type converter reads — reach the model. */
class TypeConvertedBodiesTest extends EmulatorTestSupport {

    private static final Pattern HEARD = Pattern.compile("I heard ([0-9.]+) seconds of audio\\.");

    @TempDir
    static Path dir;

    /** A type of the application's own, which a type converter reads as a WAV stream. */
    record Recording(byte[] wav) {
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getTypeConverterRegistry().addTypeConverter(InputStream.class, Recording.class,
                        new org.apache.camel.support.TypeConverterSupport() {
                            @Override
                            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
                                return type.cast(new ByteArrayInputStream(((Recording) value).wav()));
                            }
                        });
                // the docs' route, as written: a file consumer is InOnly, and still gets the spoken answer
                from("file:" + dir.resolve("inbox") + "?include=.*\\.wav").routeId("wav-files")
                        .to(uri("voice", "replyFormat=wav&inputAudioTranscription=true"))
                        .to("file:" + dir.resolve("outbox"))
                        .to("mock:spoken");
                from("file:" + dir.resolve("questions") + "?include=.*\\.txt").routeId("text-files")
                        .to(uri("typed", ""))
                        .to("mock:typed");
                from("direct:any").to(uri("any", ""));
            }
        };
    }

    @Test
    void wavFilesFromTheFileComponentAreStreamedAndEachGetsItsOwnSpokenAnswer() throws Exception {
        MockEndpoint spoken = getMockEndpoint("mock:spoken");
        spoken.expectedMessageCount(2);
        Files.createDirectories(dir.resolve("inbox"));
        drop("inbox/short.wav", WavWriter.toWav(MediaTest.speechLike(16000, 2), 16000));
        drop("inbox/long.wav", WavWriter.toWav(MediaTest.speechLike(16000, 5), 16000));
        spoken.assertIsSatisfied(30_000);

        Map<String, Double> heard = new HashMap<>();
        for (Exchange e : spoken.getExchanges()) {
            String name = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
            String transcript = e.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION, String.class);
            assertNotNull(transcript, name + " has the transcription of the spoken answer");
            Matcher m = HEARD.matcher(transcript);
            assertTrue(m.matches(), name + ": " + transcript);
            heard.put(name, Double.parseDouble(m.group(1)));
            byte[] written = Files.readAllBytes(dir.resolve("outbox").resolve(name));
            assertEquals("RIFF", new String(written, 0, 4, StandardCharsets.US_ASCII), name + " answer saved as a WAV file");
        }
        // each answer is about its own file: the emulator reports how much speech it heard
        assertTrue(heard.get("long.wav") > heard.get("short.wav") + 2, "answers belong to their files: " + heard);
        for (var session : emulator.sessions()) {
            assertTrue(clientMessages(session).stream().anyMatch(m -> m.realtimeInput() != null && m.realtimeInput().audio() != null),
                    "the files went as audio chunks");
        }
    }

    /** Writes a file whole before the file consumer may see it: a poll in the middle of a write reads part of it. */
    private static void drop(String name, byte[] content) throws java.io.IOException {
        Path part = dir.resolve(name + ".part");
        Files.write(part, content);
        Files.move(part, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aTextFileIsAskedAsText() throws Exception {
        MockEndpoint typed = getMockEndpoint("mock:typed");
        typed.expectedBodiesReceived("You said: What is a Camel route?");
        Files.createDirectories(dir.resolve("questions"));
        drop("questions/q1.txt", "What is a Camel route?".getBytes(StandardCharsets.UTF_8));
        typed.assertIsSatisfied(20_000);
        ClientMessage asked = clientMessages(emulator.sessions().get(0)).get(1);
        assertEquals("What is a Camel route?", asked.realtimeInput().text());
    }

    @Test
    void aBodyOfTheApplicationsOwnTypeIsReadThroughItsTypeConverter() throws Exception {
        Exchange reply = template.request("direct:any",
                e -> e.getMessage().setBody(new Recording(WavWriter.toWav(MediaTest.speechLike(16000, 3), 16000))));
        assertEquals(null, reply.getException());
        assertTrue(HEARD.matcher(reply.getMessage().getBody(String.class)).matches(), reply.getMessage().getBody(String.class));
    }

    @Test
    void aBodyNothingCanReadFailsNamingItsType() {
        Exchange reply = template.request("direct:any", e -> e.getMessage().setBody(new Object()));
        assertInstanceOf(IllegalArgumentException.class, reply.getException());
        assertTrue(reply.getException().getMessage().contains("Cannot send a body of type java.lang.Object"),
                reply.getException().getMessage());
    }

    @Test
    void aGenericFileIsUnwrappedToItsFileSoItIsStreamedFromDisk() throws Exception {
        File file = Files.write(dir.resolve("unwrap.wav"), WavWriter.toWav(MediaTest.speechLike(16000, 2), 16000)).toFile();
        GenericFile<File> generic = new GenericFile<>();
        generic.setFile(file);
        generic.setFileName(file.getName());
        Object sendable = InputBodies.sendable(new DefaultExchange(context), generic);
        assertEquals(file, sendable);
    }
}
