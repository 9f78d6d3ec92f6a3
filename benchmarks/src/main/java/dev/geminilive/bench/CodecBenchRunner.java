package dev.geminilive.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link CodecBench} through JMH's API and returns the scores in ns/op. */
final class CodecBenchRunner {

    private CodecBenchRunner() {
    }

    static Map<String, Object> run(BenchConfig cfg) throws Exception {
        TimeValue t = TimeValue.milliseconds(cfg.jmhIterationTime().toMillis());
        var opts = new OptionsBuilder()
                .include(CodecBench.class.getName() + "\\.")
                .forks(cfg.jmhForks())
                .warmupIterations(cfg.jmhIterations()).warmupTime(t)
                .measurementIterations(cfg.jmhIterations()).measurementTime(t)
                .mode(Mode.AverageTime).timeUnit(TimeUnit.NANOSECONDS)
                .jvmArgsAppend("-Djava.awt.headless=true")
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true)
                .build();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> scores = new LinkedHashMap<>();
        for (RunResult r : new Runner(opts).run()) {
            String name = r.getParams().getBenchmark();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nsPerOp", Math.round(r.getPrimaryResult().getScore() * 10) / 10.0);
            double err = r.getPrimaryResult().getScoreError();
            m.put("error", Double.isNaN(err) ? null : Math.round(err * 10) / 10.0);
            scores.put(name.substring(name.lastIndexOf('.') + 1), m);
        }
        out.put("scores", scores);
        return out;
    }
}
