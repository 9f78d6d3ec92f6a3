package dev.geminilive.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs every scenario of the harness with tiny sizes and checks that the outputs are written and sane: every
 * contender measured, every count present, no errors, ratios computed, charts are PNGs. No timing assertions: this
 * machine's speed is not what the build checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {

    /** Under target/, so that a failed build leaves the smoke results to look at. */
    final Path out = Path.of("target", "smoke-results");
    JsonNode r;

    @BeforeAll
    void runSmoke() throws Exception {
        BenchMain.run(BenchConfig.smoke(out));
        r = new ObjectMapper().readTree(out.resolve("results.json").toFile());
    }

    @Test
    void writesJsonMarkdownAndCharts() throws Exception {
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("| text turn p50 |"), md);
        assertTrue(md.contains("## Targets (the component)"), md);
        for (String png : List.of("latency.png", "throughput.png", "audio-on-time.png", "audio-cpu.png")) {
            byte[] b = Files.readAllBytes(out.resolve(png));
            assertTrue(b.length > 1000, png);
            assertEquals((byte) 0x89, b[0], png);
            assertEquals('P', b[1], png);
        }
    }

    @Test
    void rendersTheReportAgainFromTheJson() throws Exception {
        String md = Files.readString(out.resolve("results.md"));
        Report.rerender(out);
        assertEquals(md, Files.readString(out.resolve("results.md")));
        assertTrue(Files.size(out.resolve("latency.png")) > 1000);
    }

    @Test
    void recordsTheMachine() {
        assertTrue(r.at("/machine/cores").asInt() >= 1);
        assertFalse(r.at("/machine/jdk").asText().isBlank());
        assertFalse(r.at("/machine/os").asText().isBlank());
    }

    @Test
    void everyContenderIsMeasuredInEveryScenario() {
        for (String c : BenchConfig.ALL_CONTENDERS) {
            assertEquals(30, r.at("/latency/" + c + "/count").asInt(), c);
            assertEquals(101, r.at("/latency/" + c + "/distribution").size(), c);
            double p50 = r.at("/latency/" + c + "/p50Ms").asDouble();
            assertTrue(p50 > 0 && p50 <= r.at("/latency/" + c + "/p99Ms").asDouble(), c);
            for (String s : List.of("1", "8")) {
                assertTrue(r.at("/throughput/" + s + "/" + c + "/turns").asLong() > 0, c + " at " + s);
                assertEquals(0, r.at("/throughput/" + s + "/" + c + "/errors").asLong(), c + " at " + s);
            }
            assertEquals(4, r.at("/toolDispatch/" + c + "/atServer/count").asInt(), c);
            assertTrue(r.at("/toolDispatch/" + c + "/atServer/p50Ms").asDouble() > 0, c);
            if (Harness.TURNS_ONLY.contains(c)) {
                assertTrue(r.at("/audio/2/" + c).isMissingNode() && r.at("/idle/" + c).isMissingNode(), c + " runs turns only");
                continue;
            }
            assertEquals(10, r.at("/audio/2/" + c + "/chunks").asInt(), c);
            assertEquals(10, r.at("/audio/2/" + c + "/delivered").asInt(), c);
            double onTime = r.at("/audio/2/" + c + "/onTimeFraction").asDouble();
            assertTrue(onTime >= 0 && onTime <= 1, c);
            assertEquals(20, r.at("/idle/" + c + "/sessions").asInt(), c);
            assertTrue(r.at("/idle/" + c + "/heapPerSessionKB").isNumber(), c);
        }
        for (String c : List.of("raw", "component")) {
            assertTrue(r.at("/coldStart/" + c + "/mainToFirstAnswerMs").asDouble() > 0, c);
        }
    }

    @Test
    void ratiosAndTargetsAreComputed() {
        assertEquals(1.0, r.at("/ratios/raw/turnP50").asDouble(), 1e-9);
        assertTrue(r.at("/ratios/component/turnP50").asDouble() > 0);
        assertTrue(r.at("/ratios/component/throughput/8").asDouble() > 0);
        assertEquals(10, r.at("/targets").size());
        r.at("/targets").forEach(t -> assertNotNull(t.get("met"), t.toString()));
    }

    @Test
    void jmhScoresEveryFramePath() {
        for (String b : List.of("encodeAudio", "encodeText", "decodeAudio", "decodeText", "base64EncodeJdk",
                "base64EncodeCommonsCodec", "base64DecodeJdk", "base64DecodeCommonsCodec")) {
            assertTrue(r.at("/jmh/scores/" + b + "/nsPerOp").asDouble() > 0, b);
        }
    }
}
