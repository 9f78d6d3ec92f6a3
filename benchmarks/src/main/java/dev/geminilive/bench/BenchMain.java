package dev.geminilive.bench;

import java.util.Map;

/**
 * The harness's command line: {@code java -jar benchmarks/target/benchmarks.jar [smoke|full] [name=value ...]}, or
 * {@code report [dir]} to write the markdown and charts again from a {@code results.json}.
 * Writes {@code results.json}, {@code results.md} and the charts to {@code outDir} (default {@code benchmarks/results}).
 */
public final class BenchMain {

    /** Held so that the level sticks: Grizzly and Tyrus log every listener start through JUL. */
    private static final java.util.logging.Logger GLASSFISH = java.util.logging.Logger.getLogger("org.glassfish");

    private BenchMain() {
    }

    /** @param args profile and overrides, see {@link BenchConfig#parse} */
    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        GLASSFISH.setLevel(java.util.logging.Level.WARNING);
        if (args.length > 0 && args[0].equals("report")) {
            // re-renders results.md and the charts from results.json: report <dir>
            Report.rerender(java.nio.file.Path.of(args.length > 1 ? args[1] : "benchmarks/results"));
            System.exit(0);
        }
        BenchConfig cfg = BenchConfig.parse(args);
        Map<String, Object> results = run(cfg);
        System.out.println(Report.markdown(results));
        System.out.println("[bench] results in " + cfg.outDir().toAbsolutePath());
        // genai's OkHttp pools and Camel leave non-daemon threads behind for a while
        System.exit(0);
    }

    /** Runs every scenario of {@code cfg} and writes the results; returns the results tree. */
    public static Map<String, Object> run(BenchConfig cfg) throws Exception {
        Harness h = new Harness(cfg);
        Map<String, Object> results = h.run();
        Report.summarize(results);
        Report.write(results, h.latencySamples(), cfg.outDir());
        return results;
    }
}
