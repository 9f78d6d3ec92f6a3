package dev.geminilive.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The sizes of one harness run. Two profiles: {@code smoke} (seconds, for {@code mvn verify}) and {@code full}; any
 * setting can be overridden with {@code name=value} arguments or {@code -Dbench.name=value} system properties.
 *
 * @param profile            smoke or full
 * @param contenders         which contenders run (raw always runs: it is the floor)
 * @param outDir             where results are written
 * @param latencyWarmup      untimed turns per contender before the latency run (half as many tool turns before the tool
 *                           run), for the JIT to compile each contender's path
 * @param latencyTurns       timed turns per contender
 * @param rounds             interleaving rounds of the latency and tool runs: each round runs every contender once, in a
 *                           shuffled order
 * @param throughputRounds   interleaving rounds of the throughput run, per session count
 * @param throughputSessions session counts of the throughput run
 * @param throughputBlock    how long each contender drives its sessions per round
 * @param idleSessions       sessions each contender holds idle
 * @param idleHold           how long they are held before heap and threads are read again
 * @param audioSessions      session counts of the real-time audio run
 * @param audioDuration      audio streamed per session and count
 * @param toolTurns          timed tool-call turns per contender
 * @param coldStarts         fresh JVMs per contender for cold start
 * @param coldStartContenders the contenders started cold (raw always)
 * @param jmhForks           JMH forks (0 runs in this JVM)
 * @param jmhIterations      JMH warmup and measurement iterations
 * @param jmhIterationTime   JMH iteration length
 */
public record BenchConfig(String profile, List<String> contenders, Path outDir, int latencyWarmup, int latencyTurns, int rounds,
        int throughputRounds, List<Integer> throughputSessions, Duration throughputBlock, int idleSessions, Duration idleHold,
        List<Integer> audioSessions, Duration audioDuration, int toolTurns, int coldStarts, List<String> coldStartContenders, int jmhForks, int jmhIterations,
        Duration jmhIterationTime) {

    /**
     * Every contender the harness knows, the floor first. {@code component-sync} is the component with
     * {@code synchronous=true}, measured on turns and tool calls only (its idle sessions and audio are the component's).
     */
    public static final List<String> ALL_CONTENDERS = List.of("raw", "component", "component-sync", "liveclient", "genai");

    /** @return the tiny run that {@code mvn verify} makes */
    public static BenchConfig smoke(Path outDir) {
        // a fresh JVM costs seconds: the smoke run starts only the floor and the component cold
        return new BenchConfig("smoke", ALL_CONTENDERS, outDir, 5, 30, 1, 1, List.of(1, 8), Duration.ofMillis(200), 20,
                Duration.ofMillis(200), List.of(2), Duration.ofMillis(500), 4, 1, List.of("raw", "component"), 0, 1,
                Duration.ofMillis(100));
    }

    /** @return the full run: all session counts of the performance targets */
    public static BenchConfig full(Path outDir) {
        return new BenchConfig("full", ALL_CONTENDERS, outDir, 5000, 2000, 10, 3, List.of(1, 8, 64, 256), Duration.ofSeconds(2), 1000,
                Duration.ofSeconds(60), List.of(5, 10, 25, 50, 100, 200), Duration.ofSeconds(5), 1000, 5,
                List.of("raw", "component", "liveclient", "genai"), 1, 3,
                Duration.ofSeconds(1));
    }

    /**
     * @param args {@code smoke|full} then {@code name=value} overrides; {@code -Dbench.name=value} works too
     * @return the configuration those arguments describe
     */
    public static BenchConfig parse(String... args) {
        String profile = args.length > 0 && !args[0].contains("=") ? args[0] : System.getProperty("bench.profile", "full");
        Map<String, String> o = new java.util.HashMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("bench.")) {
                o.put(k.toString().substring(6), v.toString());
            }
        });
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                o.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        Path out = Path.of(o.getOrDefault("outDir", "benchmarks/results"));
        BenchConfig d = switch (profile) {
            case "smoke" -> smoke(out);
            case "full" -> full(out);
            default -> throw new IllegalArgumentException("Unknown profile " + profile + " (smoke or full)");
        };
        Function<String, List<Integer>> ints = s -> Arrays.stream(s.split(",")).map(String::trim).map(Integer::valueOf).toList();
        return new BenchConfig(profile,
                o.containsKey("contenders") ? List.of(o.get("contenders").split(",")) : d.contenders(), out,
                intOr(o, "latencyWarmup", d.latencyWarmup()), intOr(o, "latencyTurns", d.latencyTurns()), intOr(o, "rounds", d.rounds()),
                intOr(o, "throughputRounds", d.throughputRounds()),
                o.containsKey("throughputSessions") ? ints.apply(o.get("throughputSessions")) : d.throughputSessions(),
                durOr(o, "throughputBlock", d.throughputBlock()), intOr(o, "idleSessions", d.idleSessions()),
                durOr(o, "idleHold", d.idleHold()),
                o.containsKey("audioSessions") ? ints.apply(o.get("audioSessions")) : d.audioSessions(),
                durOr(o, "audioDuration", d.audioDuration()), intOr(o, "toolTurns", d.toolTurns()),
                intOr(o, "coldStarts", d.coldStarts()),
                o.containsKey("coldStartContenders") ? List.of(o.get("coldStartContenders").split(",")) : d.coldStartContenders(),
                intOr(o, "jmhForks", d.jmhForks()), intOr(o, "jmhIterations", d.jmhIterations()),
                durOr(o, "jmhIterationTime", d.jmhIterationTime()));
    }

    private static int intOr(Map<String, String> o, String k, int d) {
        return o.containsKey(k) ? Integer.parseInt(o.get(k)) : d;
    }

    /** Reads 500ms, 3s, 2m or ISO-8601 (PT3S). */
    static Duration durOr(Map<String, String> o, String k, Duration d) {
        String v = o.get(k);
        if (v == null) {
            return d;
        }
        v = v.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            return Duration.parse(v);
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> throw new IllegalArgumentException("Bad duration for " + k + ": " + v);
        };
    }
}
