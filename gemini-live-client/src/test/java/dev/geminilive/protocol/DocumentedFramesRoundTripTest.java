package dev.geminilive.protocol;

import static dev.geminilive.protocol.Frames.assertSameJson;
import static dev.geminilive.protocol.Frames.read;
import static dev.geminilive.protocol.Frames.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example frame of {@code gemini-live-protocol.md} (sections 0, 2-4: the setup field catalog, the prose-only setup
 * fields, each clientContent, realtimeInput and toolResponse form, and each server message) lives in
 * {@code src/test/resources/protocol/{client,server}/}. Each one is decoded, re-encoded, and compared as a JSON tree
 * with the original. The examples are written in canonical form (int64 as strings, Durations as {@code "50s"},
 * padded standard base64), so no normalisation is applied here; normalisation has its own tests.
 */
class DocumentedFramesRoundTripTest {

    static List<String> clientFrames() {
        return Frames.names("client");
    }

    static List<String> serverFrames() {
        return Frames.names("server");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFrames")
    void clientFrameSurvivesLenientDecodeAndEncodeUnchanged(String name) {
        String json = read("client", name);
        ClientMessage message = LiveCodec.lenient().decodeClient(json);
        assertSameJson(json, LiveCodec.lenient().encode(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFrames")
    void clientFrameIsAcceptedByTheStrictCodecAndSurvivesRoundTrip(String name) {
        String json = read("client", name);
        ClientMessage strict = LiveCodec.strict().decodeClient(json);
        assertSameJson(json, LiveCodec.strict().encode(strict));
        assertEquals(LiveCodec.lenient().decodeClient(json), strict, "strict and lenient read the same message");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientFrames")
    void clientFrameDecodesAlikeFromTextBytesAndByteBuffer(String name) {
        String json = read("client", name);
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        ClientMessage fromText = LiveCodec.strict().decodeClient(json);
        assertEquals(fromText, LiveCodec.strict().decodeClient(utf8));
        assertEquals(fromText, LiveCodec.strict().decodeClient(ByteBuffer.wrap(utf8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFrames")
    void serverFrameSurvivesLenientDecodeAndEncodeUnchanged(String name) {
        String json = read("server", name);
        ServerMessage message = LiveCodec.lenient().decodeServer(json);
        assertSameJson(json, LiveCodec.lenient().encode(message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFrames")
    void serverFrameSurvivesBinaryFrameRoundTrip(String name) {
        String json = read("server", name);
        ServerMessage fromBuffer = LiveCodec.lenient().decodeServer(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
        byte[] payload = LiveCodec.strict().encodeBytes(fromBuffer);
        assertSameJson(tree(json), new String(payload, StandardCharsets.UTF_8));
        assertEquals(fromBuffer, LiveCodec.lenient().decodeServer(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverFrames")
    void serverFrameIsReadAlikeByTheStrictCodec(String name) {
        String json = read("server", name);
        assertEquals(LiveCodec.lenient().decodeServer(json), LiveCodec.strict().decodeServer(json));
    }

    @Test
    void everyClientAndServerMessageKindHasAnExampleFrame() {
        EnumSet<ClientMessage.Kind> clientKinds = EnumSet.noneOf(ClientMessage.Kind.class);
        for (String name : clientFrames()) {
            clientKinds.add(LiveCodec.strict().decodeClient(read("client", name)).kind());
        }
        assertEquals(EnumSet.allOf(ClientMessage.Kind.class), clientKinds);

        EnumSet<ServerMessage.Kind> serverKinds = EnumSet.noneOf(ServerMessage.Kind.class);
        for (String name : serverFrames()) {
            serverKinds.add(LiveCodec.lenient().decodeServer(read("server", name)).kind());
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(ServerMessage.Kind.EMPTY)), serverKinds);
    }

    @Test
    void everyRealtimeInputFormOfTheDocumentHasItsOwnFrame() {
        Set<String> forms = new TreeSet<>();
        for (String name : clientFrames()) {
            JsonNode input = tree(read("client", name)).get("realtimeInput");
            if (input != null) {
                assertEquals(1, input.size(), name + " carries one field per message");
                forms.add(input.fieldNames().next());
            }
        }
        assertEquals(new TreeSet<>(List.of("audio", "video", "text", "audioStreamEnd", "activityStart", "activityEnd", "mediaChunks")),
                forms);
    }

    /**
     * The other direction of the round trip: every component of every record reachable from {@link ClientMessage} and
     * {@link ServerMessage} is set by at least one example frame, so no modelled field goes untested.
     */
    @Test
    void exampleFramesExerciseEveryFieldOfTheWireModel() {
        Set<String> modelled = new TreeSet<>();
        collectComponents(ClientMessage.class, modelled);
        collectComponents(ServerMessage.class, modelled);

        Set<String> exercised = new TreeSet<>();
        for (String name : clientFrames()) {
            markSet(LiveCodec.strict().decodeClient(read("client", name)), exercised);
        }
        for (String name : serverFrames()) {
            markSet(LiveCodec.lenient().decodeServer(read("server", name)), exercised);
        }
        Set<String> missing = new TreeSet<>(modelled);
        missing.removeAll(exercised);
        assertTrue(missing.isEmpty(), "fields never set by an example frame: " + missing);
        assertTrue(modelled.size() > 150, "walked " + modelled.size() + " fields");
    }

    private static String label(Class<?> record, RecordComponent c) {
        return record.getName().substring(record.getPackageName().length() + 1) + "." + c.getName();
    }

    private static void collectComponents(Class<?> type, Set<String> out) {
        if (!type.isRecord()) {
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (out.add(label(type, c))) {
                Type t = c.getGenericType();
                if (t instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                    collectComponents(e, out);
                } else if (t instanceof Class<?> k) {
                    collectComponents(k, out);
                }
            }
        }
    }

    private static void markSet(Object value, Set<String> out) {
        if (value instanceof List<?> list) {
            list.forEach(v -> markSet(v, out));
        } else if (value != null && value.getClass().isRecord() && !(value instanceof Map)) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                Object v;
                try {
                    v = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                if (v != null) {
                    out.add(label(value.getClass(), c));
                    markSet(v, out);
                }
            }
        }
    }
}
