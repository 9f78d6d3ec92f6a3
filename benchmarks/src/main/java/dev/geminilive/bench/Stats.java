package dev.geminilive.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a sample of durations in nanoseconds, reported in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static Map<String, Object> summary(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.length);
        m.put("p50Ms", ms(percentile(s, 50)));
        m.put("p90Ms", ms(percentile(s, 90)));
        m.put("p99Ms", ms(percentile(s, 99)));
        m.put("maxMs", s.length == 0 ? Double.NaN : ms(s[s.length - 1]));
        m.put("meanMs", ms(Arrays.stream(s).average().orElse(Double.NaN)));
        return m;
    }

    /** @return [percentile, milliseconds] at 1, 2, ..., 99, 99.9 and 100: the distribution, small enough for JSON */
    static List<double[]> distribution(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        List<double[]> out = new ArrayList<>();
        for (int p = 1; p <= 99; p++) {
            out.add(new double[] {p, ms(percentile(s, p))});
        }
        out.add(new double[] {99.9, ms(percentile(s, 99.9))});
        out.add(new double[] {100, ms(percentile(s, 100))});
        return out;
    }

    static double ms(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
