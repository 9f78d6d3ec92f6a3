package dev.geminilive.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Turns a results tree into ratios to the floor, target verdicts, {@code results.json}, {@code results.md} and the
 * charts. Every ratio divides by the raw floor measured in the same run.
 */
final class Report {

    static final String SUBJECT = "component";

    private Report() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = ((Map<String, Object>) cur).get(p);
        }
        return cur instanceof Map ? (Map<String, Object>) cur : null;
    }

    /** A scenario's entries, or none when the scenario did not run. */
    static Map<String, Object> entries(Map<String, Object> r, String scenario) {
        Map<String, Object> m = map(r, scenario);
        return m == null ? Map.of() : m;
    }

    static double num(Object o, String... path) {
        Object cur = o;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return Double.NaN;
            }
            cur = m.get(p);
        }
        return cur instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static double ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : Math.round(a / b * 1000) / 1000.0;
    }

    static List<String> contenders(Map<String, Object> r) {
        List<String> out = new ArrayList<>();
        entries(r, "latency").forEach((k, v) -> {
            if (v instanceof Map) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * Writes {@code results.md} and the charts again from a {@code results.json} (after a change to the report);
     * the latency chart needs the samples and is kept as it is.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> rerender(Path dir) throws IOException {
        Map<String, Object> r = new ObjectMapper().readValue(dir.resolve("results.json").toFile(), LinkedHashMap.class);
        summarize(r);
        write(r, null, dir);
        return r;
    }

    /** Adds {@code ratios} (every contender against the floor) and {@code targets} (the component's verdicts). */
    static void summarize(Map<String, Object> r) {
        String f = Harness.FLOOR;
        Map<String, Object> ratios = new LinkedHashMap<>();
        for (String c : contenders(r)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("turnP50", ratio(num(r, "latency", c, "p50Ms"), num(r, "latency", f, "p50Ms")));
            m.put("turnP99", ratio(num(r, "latency", c, "p99Ms"), num(r, "latency", f, "p99Ms")));
            Map<String, Object> tp = new LinkedHashMap<>();
            entries(r, "throughput").forEach((s, v) -> {
                if (v instanceof Map) {
                    tp.put(s, ratio(num(v, c, "turnsPerSecond"), num(v, f, "turnsPerSecond")));
                }
            });
            m.put("throughput", tp);
            m.put("toolDispatchP50", ratio(num(r, "toolDispatch", c, "atServer", "p50Ms"), num(r, "toolDispatch", f, "atServer", "p50Ms")));
            m.put("idleHeapPerSession", ratio(num(r, "idle", c, "heapPerSessionKB"), num(r, "idle", f, "heapPerSessionKB")));
            m.put("coldStart", ratio(num(r, "coldStart", c, "mainToFirstAnswerMs"), num(r, "coldStart", f, "mainToFirstAnswerMs")));
            ratios.put(c, m);
        }
        r.put("ratios", ratios);
        r.put("targets", targets(r));
    }

    private static Map<String, Object> verdict(String target, double value, boolean met, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("value", value);
        m.put("met", Double.isNaN(value) ? null : met);
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }

    private static List<Object> targets(Map<String, Object> r) {
        String c = SUBJECT;
        String f = Harness.FLOOR;
        List<Object> t = new ArrayList<>();
        double p50 = num(r, "ratios", c, "turnP50");
        t.add(verdict("text turn p50 <= 1.15x floor", p50, p50 <= 1.15, null));
        double p99 = num(r, "ratios", c, "turnP99");
        t.add(verdict("text turn p99 <= 1.5x floor", p99, p99 <= 1.5, null));
        Map<String, Object> tp = map(r, "ratios", c, "throughput");
        tp = tp == null ? Map.of() : tp;
        String at = tp.containsKey("64") ? "64" : tp.keySet().stream().reduce((a, b) -> b).orElse("?");
        double tpr = num(tp, at);
        t.add(verdict("throughput at " + at + " sessions >= 0.85x floor", tpr, tpr >= 0.85, null));
        double tool = num(r, "ratios", c, "toolDispatchP50");
        t.add(verdict("tool dispatch p50 <= 1.3x floor", tool, tool <= 1.3, "tool call sent -> tool response received, at the server"));
        double heapOver = Math.round((num(r, "idle", c, "heapPerSessionKB") - num(r, "idle", f, "heapPerSessionKB")) * 10) / 10.0;
        t.add(verdict("idle heap <= 32 KB per session (over the floor)", heapOver, heapOver <= 32,
                "the floor's own per-session heap (" + num(r, "idle", f, "heapPerSessionKB")
                        + " KB, client and the in-process emulator's server side) is subtracted"));
        int n = (int) num(r, "idle", c, "sessions");
        double thr = num(r, "idle", c, "threadsAdded") - num(r, "idle", f, "threadsAdded");
        int few = (int) num(r, "idle", c, "fewSessions");
        double growth = num(r, "idle", c, "peakThreadsAddedWhileConnecting") - num(r, "idle", c, "peakThreadsAddedWhileConnectingFew");
        t.add(verdict("no thread per idle session (threads added over the floor, " + n + " sessions)", thr, thr <= 16, null));
        t.add(verdict("no thread per connect (peak threads while opening " + n + " sessions minus the peak while opening " + few
                + ", 16 at a time)", growth, growth <= 16,
                "a pool that does not grow with the number of connects; the absolute peaks are in the table"));
        // audio: the largest count at which the floor keeps >= 99 % on time
        Map<String, Object> audio = entries(r, "audio");
        String best = null;
        for (var e : audio.entrySet()) {
            if (e.getValue() instanceof Map && num(e.getValue(), f, "onTimeFraction") >= 0.99) {
                best = e.getKey();
            }
        }
        double onTime = best == null ? Double.NaN : num(audio, best, c, "onTimeFraction");
        t.add(verdict("real-time audio >= 99 % on time at " + (best == null ? "(no count where the floor keeps 99 %)" : best + " sessions")
                + ", the largest count where the floor keeps 99 %", onTime, onTime >= 0.99, null));
        double cold = num(r, "ratios", c, "coldStart");
        t.add(verdict("cold start <= 1.3x floor", cold, cold <= 1.3, "main() to first answer, fresh JVM, median"));
        List<String> behind = behindGenai(r);
        Map<String, Object> g = verdict("always ahead of google-genai", behind.size(), behind.isEmpty(),
                behind.isEmpty() ? null : "behind on: " + String.join(", ", behind));
        if (!contenders(r).contains("genai")) {
            g.put("met", null);
            g.put("note", "google-genai did not run");
        }
        t.add(g);
        return t;
    }

    private static List<String> behindGenai(Map<String, Object> r) {
        List<String> behind = new ArrayList<>();
        String c = SUBJECT;
        String g = "genai";
        if (num(r, "latency", c, "p50Ms") > num(r, "latency", g, "p50Ms")) {
            behind.add("turn p50");
        }
        if (num(r, "latency", c, "p99Ms") > num(r, "latency", g, "p99Ms")) {
            behind.add("turn p99");
        }
        entries(r, "throughput").forEach((s, v) -> {
            if (v instanceof Map && num(v, c, "turnsPerSecond") < num(v, g, "turnsPerSecond")) {
                behind.add("throughput at " + s);
            }
        });
        if (num(r, "toolDispatch", c, "atServer", "p50Ms") > num(r, "toolDispatch", g, "atServer", "p50Ms")) {
            behind.add("tool dispatch p50");
        }
        if (num(r, "idle", c, "heapPerSessionKB") > num(r, "idle", g, "heapPerSessionKB")) {
            behind.add("idle heap");
        }
        if (num(r, "idle", c, "threadsAdded") > num(r, "idle", g, "threadsAdded")) {
            behind.add("idle threads");
        }
        entries(r, "audio").forEach((s, v) -> {
            if (v instanceof Map && num(v, c, "onTimeFraction") < num(v, g, "onTimeFraction")) {
                behind.add("audio on time at " + s);
            }
        });
        if (num(r, "coldStart", c, "mainToFirstAnswerMs") > num(r, "coldStart", g, "mainToFirstAnswerMs")) {
            behind.add("cold start");
        }
        return behind;
    }

    // ------------------------------------------------------------------ files

    static void write(Map<String, Object> r, Map<String, long[]> latencySamples, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), r);
        Files.writeString(dir.resolve("results.md"), markdown(r));
        if (latencySamples != null) {
            latencyChart(latencySamples, dir.resolve("latency.png"));
        } else if (hasDistribution(r)) {
            distributionChart(r, dir.resolve("latency.png"));
        }
        perCountChart(r, "throughput", "turnsPerSecond", "Throughput (turns/s, closed loop)", "turns per second", dir.resolve("throughput.png"), true);
        perCountChart(r, "audio", "onTimeFraction", "Real-time audio: chunks on time at the server", "fraction on time", dir.resolve("audio-on-time.png"), false);
        perCountChart(r, "audio", "cpuPercentOfMachine", "Real-time audio: process CPU (client + emulator)", "% of all cores", dir.resolve("audio-cpu.png"), false);
    }

    private static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String cell(double value, double ratio, String unit) {
        return fmt(value) + unit + (Double.isNaN(ratio) ? "" : " (" + fmt(ratio) + "×)");
    }

    static String markdown(Map<String, Object> r) {
        List<String> cs = contenders(r);
        String f = Harness.FLOOR;
        StringBuilder b = new StringBuilder();
        Map<String, Object> mc = map(r, "machine");
        b.append("# Benchmark results (profile `").append(map(r, "config").get("profile")).append("`)\n\n");
        b.append("Machine: ").append(mc.get("cores")).append(" cores (").append(mc.get("cpu")).append("), ")
                .append(mc.get("memoryMB")).append(" MB RAM, max heap ").append(mc.get("maxHeapMB")).append(" MB; ")
                .append(mc.get("jdk")).append(", GC ").append(mc.get("gc")).append("; ").append(mc.get("os")).append("; ")
                .append(mc.get("date")).append("; load average (1, 5, 15 min) ").append(mc.get("loadAverageAtStart"))
                .append(" at the start, ").append(mc.get("loadAverageAtEnd")).append(" at the end.\n\n");
        b.append("Ratios in parentheses are to the raw Tyrus floor measured in the same run (lower is better for times and heap, ")
                .append("higher for throughput).\n\n");
        b.append("| metric |");
        cs.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n|---|");
        cs.forEach(c -> b.append("---|"));
        b.append('\n');
        row(b, "text turn p50", cs, c -> cell(num(r, "latency", c, "p50Ms"), ratio(num(r, "latency", c, "p50Ms"), num(r, "latency", f, "p50Ms")), " ms"));
        row(b, "text turn p99", cs, c -> cell(num(r, "latency", c, "p99Ms"), ratio(num(r, "latency", c, "p99Ms"), num(r, "latency", f, "p99Ms")), " ms"));
        entries(r, "throughput").forEach((s, v) -> {
            if (v instanceof Map) {
                row(b, "throughput, " + s + " sessions (turns/s)", cs, c -> cell(num(v, c, "turnsPerSecond"),
                        ratio(num(v, c, "turnsPerSecond"), num(v, f, "turnsPerSecond")), "") + errors(num(v, c, "errors")));
            }
        });
        row(b, "tool dispatch p50 (at server)", cs, c -> cell(num(r, "toolDispatch", c, "atServer", "p50Ms"),
                ratio(num(r, "toolDispatch", c, "atServer", "p50Ms"), num(r, "toolDispatch", f, "atServer", "p50Ms")), " ms"));
        row(b, "tool dispatch p99 (at server)", cs, c -> cell(num(r, "toolDispatch", c, "atServer", "p99Ms"),
                ratio(num(r, "toolDispatch", c, "atServer", "p99Ms"), num(r, "toolDispatch", f, "atServer", "p99Ms")), " ms"));
        row(b, "tool turn p50 (at client)", cs, c -> cell(num(r, "toolDispatch", c, "wholeTurn", "p50Ms"),
                ratio(num(r, "toolDispatch", c, "wholeTurn", "p50Ms"), num(r, "toolDispatch", f, "wholeTurn", "p50Ms")), " ms"));
        int idleN = (int) num(r, "idle", f, "sessions");
        row(b, "idle heap per session, " + idleN + " sessions", cs, c -> cell(num(r, "idle", c, "heapPerSessionKB"),
                ratio(num(r, "idle", c, "heapPerSessionKB"), num(r, "idle", f, "heapPerSessionKB")), " KB"));
        row(b, "threads added by " + idleN + " idle sessions", cs, c -> fmt(num(r, "idle", c, "threadsAdded")));
        row(b, "peak threads added while connecting, " + idleN + " sessions", cs,
                c -> fmt(num(r, "idle", c, "peakThreadsAddedWhileConnecting")));
        row(b, "peak threads added while connecting, " + (int) num(r, "idle", f, "fewSessions") + " sessions", cs,
                c -> fmt(num(r, "idle", c, "peakThreadsAddedWhileConnectingFew")));
        entries(r, "audio").forEach((s, v) -> {
            if (v instanceof Map) {
                row(b, "audio on time, " + s + " sessions", cs, c -> Double.isNaN(num(v, c, "onTimeFraction")) ? "–"
                        : fmt(Math.round(num(v, c, "onTimeFraction") * 1000) / 10.0) + " % (CPU " + fmt(num(v, c, "cpuPercentOfMachine")) + " %)");
            }
        });
        row(b, "cold start: main() to first answer", cs, c -> cell(num(r, "coldStart", c, "mainToFirstAnswerMs"),
                ratio(num(r, "coldStart", c, "mainToFirstAnswerMs"), num(r, "coldStart", f, "mainToFirstAnswerMs")), " ms"));
        row(b, "cold start: JVM start to first answer", cs, c -> cell(num(r, "coldStart", c, "jvmStartToFirstAnswerMs"),
                ratio(num(r, "coldStart", c, "jvmStartToFirstAnswerMs"), num(r, "coldStart", f, "jvmStartToFirstAnswerMs")), " ms"));

        b.append("\n## Targets (the component)\n\n| target | value | met |\n|---|---|---|\n");
        for (Object o : (List<?>) r.get("targets")) {
            Map<?, ?> t = (Map<?, ?>) o;
            Object met = t.get("met");
            b.append("| ").append(t.get("target")).append(t.get("note") == null ? "" : " — " + t.get("note")).append(" | ")
                    .append(t.get("value") instanceof Number n ? fmt(n.doubleValue()) : t.get("value")).append(" | ")
                    .append(met == null ? "n/a" : (Boolean) met ? "**met**" : "**missed**").append(" |\n");
        }
        b.append("\n## Per-frame paths (JMH, ns/op)\n\n| benchmark | ns/op | ± |\n|---|---|---|\n");
        Map<String, Object> scores = map(r, "jmh", "scores");
        if (scores != null) {
            scores.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(fmt(num(v, "nsPerOp"))).append(" | ")
                    .append(fmt(num(v, "error"))).append(" |\n"));
        }
        b.append("\n![turn latency](latency.png)\n\n![throughput](throughput.png)\n\n![audio on time](audio-on-time.png)\n\n")
                .append("![audio CPU](audio-cpu.png)\n");
        return b.toString();
    }

    private static String errors(double e) {
        return e > 0 ? " [" + fmt(e) + " errors]" : "";
    }

    private static void row(StringBuilder b, String name, List<String> cs, java.util.function.Function<String, String> cell) {
        b.append("| ").append(name).append(" |");
        cs.forEach(c -> b.append(' ').append(cell.apply(c)).append(" |"));
        b.append('\n');
    }

    private static boolean hasDistribution(Map<String, Object> r) {
        List<String> cs = contenders(r);
        return !cs.isEmpty() && map(r, "latency", cs.get(0)).get("distribution") instanceof List;
    }

    /** The latency chart from the percentiles kept in results.json (when re-rendering without the samples). */
    private static void distributionChart(Map<String, Object> r, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String c : contenders(r)) {
            XYSeries series = new XYSeries(c);
            for (Object point : (List<?>) map(r, "latency", c).get("distribution")) {
                List<?> p = (List<?>) point;
                series.add(((Number) p.get(0)).doubleValue(), ((Number) p.get(1)).doubleValue());
            }
            data.addSeries(series);
        }
        saveLatencyChart(data, file);
    }

    private static void latencyChart(Map<String, long[]> samples, Path file) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (var e : samples.entrySet()) {
            long[] s = e.getValue().clone();
            Arrays.sort(s);
            XYSeries series = new XYSeries(e.getKey());
            int points = Math.min(s.length, 1000);
            for (int i = 0; i < points; i++) {
                int idx = (int) ((long) i * (s.length - 1) / Math.max(1, points - 1));
                series.add(100.0 * (idx + 1) / s.length, s[idx] / 1e6);
            }
            data.addSeries(series);
        }
        saveLatencyChart(data, file);
    }

    private static void saveLatencyChart(XYSeriesCollection data, Path file) throws IOException {
        JFreeChart chart = ChartFactory.createXYLineChart("Text turn latency distribution", "percentile",
                "latency (ms, log scale)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis y = new LogAxis("latency (ms, log scale)");
        y.setSmallestValue(0.01);
        y.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        plot.setRangeAxis(y);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }

    private static void perCountChart(Map<String, Object> r, String scenario, String field, String title, String yLabel, Path file,
            boolean logY) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, Object> sc = entries(r, scenario);
        for (String c : contenders(r)) {
            XYSeries s = new XYSeries(c);
            sc.forEach((count, v) -> {
                if (v instanceof Map && !Double.isNaN(num(v, c, field))) {
                    s.add(Double.parseDouble(count), num(v, c, field));
                }
            });
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "sessions (log scale)", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis x = new LogAxis("sessions (log scale)");
        x.setBase(2);
        x.setSmallestValue(1);
        x.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));   // in powers of the base: 1, 2, 4, 8, ...
        plot.setDomainAxis(x);
        if (logY) {
            LogAxis y = new LogAxis(yLabel + " (log scale)");
            y.setSmallestValue(0.1);
            y.setNumberFormatOverride(new java.text.DecimalFormat("0.#"));
            plot.setRangeAxis(y);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 500);
    }
}
