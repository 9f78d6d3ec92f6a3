package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProtoDurations}: the protobuf {@code Duration} JSON form ({@code "50s"}, {@code "1.500s"}). */
class ProtoDurationsTest {

    /** The proto range: +-315,576,000,000 seconds (10,000 years). */
    private static final long PROTO_MAX_SECONDS = 315_576_000_000L;

    @ParameterizedTest(name = "{0}s + {1}ns -> {2}")
    @CsvSource({
            "0, 0, 0s",
            "50, 0, 50s",
            "1, 500000000, 1.500s",
            "0, 500000000, 0.500s",
            "0, 1000000, 0.001s",
            "0, 1500000, 0.001500s",
            "0, 1000, 0.000001s",
            "0, 1, 0.000000001s",
            "1, 1, 1.000000001s",
            "59, 999999999, 59.999999999s",
            "600, 0, 600s",
            "-5, 0, -5s",
            "-2, 500000000, -1.500s",
            "-1, 500000000, -0.500s",
            "-1, 999999999, -0.000000001s",
            "315576000000, 0, 315576000000s",
            "-315576000000, 0, -315576000000s"})
    void formatWritesSecondsWith0369FractionalDigits(long seconds, int nanos, String expected) {
        assertEquals(expected, ProtoDurations.format(Duration.ofSeconds(seconds, nanos)));
    }

    @ParameterizedTest(name = "{0} -> {1}s + {2}ns")
    @CsvSource({
            "50s, 50, 0",
            "0.5s, 0, 500000000",
            "1.000000001s, 1, 1",
            "1.5s, 1, 500000000",
            "1.500s, 1, 500000000",
            "1.500000s, 1, 500000000",
            "0s, 0, 0",
            "0.000000001s, 0, 1",
            "-1.5s, -2, 500000000",
            "-0.000000001s, -1, 999999999",
            "50, 50, 0",
            "' 50s ', 50, 0",
            "+3s, 3, 0",
            "315576000000s, 315576000000, 0",
            "315576000000.999999999s, 315576000000, 999999999",
            "-315576000000s, -315576000000, 0"})
    void parseReadsProtobufDurationStrings(String text, long seconds, int nanos) {
        assertEquals(Duration.ofSeconds(seconds, nanos), ProtoDurations.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "s", "abc", "5ms", "1h", "1m", "PT5S", "1.0000000001s", "0.0000000005s", "1s1s", "1,5s", "--1s", "NaNs"})
    void parseRefusesWhatIsNotADurationNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProtoDurations.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Test
    void formatThenParseIsTheIdentity() {
        for (Duration d : List.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1), Duration.ofMillis(1500), Duration.ofMillis(-1500),
                Duration.ofSeconds(50), Duration.ofSeconds(PROTO_MAX_SECONDS, 999_999_999), Duration.ofSeconds(-PROTO_MAX_SECONDS),
                Duration.ofSeconds(123, 456_789_000), Duration.ofSeconds(-123, 456_789_012))) {
            assertEquals(d, ProtoDurations.parse(ProtoDurations.format(d)), d.toString());
        }
    }

    @Test
    void parseThenFormatGivesTheCanonicalForm() {
        assertEquals("50s", ProtoDurations.format(ProtoDurations.parse("50.000s")));
        assertEquals("0.500s", ProtoDurations.format(ProtoDurations.parse("0.5s")));
        assertEquals("1.000000001s", ProtoDurations.format(ProtoDurations.parse("1.000000001s")));
        assertEquals("0.000100s", ProtoDurations.format(ProtoDurations.parse("0.0001s")));
    }
}
