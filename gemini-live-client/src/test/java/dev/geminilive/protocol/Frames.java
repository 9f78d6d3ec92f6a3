package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.function.Executable;

/** Test helpers: the example frames under {@code src/test/resources/protocol}, and JSON tree comparison. */
final class Frames {

    /** A plain mapper, independent of the codec under test, used only to build JSON trees. */
    static final ObjectMapper TREES = new ObjectMapper();

    private Frames() {
    }

    /** @return the names of the example frames in {@code protocol/<direction>}, sorted */
    static List<String> names(String direction) {
        try (Stream<Path> files = Files.list(dir(direction))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the text of {@code protocol/<direction>/<name>} */
    static String read(String direction, String name) {
        try {
            return Files.readString(dir(direction).resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String direction) {
        URL url = Frames.class.getResource("/protocol/" + direction);
        assertNotNull(url, "test resources protocol/" + direction + " missing");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return TREES.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static JsonNode tree(byte[] json) {
        return tree(new String(json, StandardCharsets.UTF_8));
    }

    /** Asserts that two JSON texts are the same tree (Jackson {@link JsonNode#equals}: key order and whitespace ignored). */
    static void assertSameJson(String expected, String actual) {
        assertSameJson(tree(expected), actual);
    }

    static void assertSameJson(JsonNode expected, String actual) {
        JsonNode got = tree(actual);
        assertEquals(expected, got, () -> "JSON trees differ\nexpected: " + expected + "\nactual:   " + got);
    }

    /** Asserts that {@code call} throws a {@link ProtocolException} with close code 1007, and returns it. */
    static ProtocolException assertInvalidPayload(Executable call) {
        ProtocolException e = assertThrows(ProtocolException.class, call);
        assertEquals(1007, e.closeCode(), "close code of: " + e.getMessage());
        assertEquals(ProtocolException.INVALID_PAYLOAD, e.closeCode());
        return e;
    }
}
