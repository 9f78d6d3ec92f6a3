package dev.geminilive.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.RecordedFrame;
import dev.geminilive.protocol.ClientMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every scenario against one in-process emulator and collects the numbers into a tree of maps (written as JSON
 * by {@link Report}). Contenders are interleaved — each round runs all of them in a fresh random order — so that
 * machine noise hits all alike; the raw floor is measured in the same run and every result is also given as a ratio
 * to it.
 */
public final class Harness {

    static final String FLOOR = "raw";
    /** Contenders that differ from another only in how a turn completes: not run in the audio and idle scenarios. */
    static final Set<String> TURNS_ONLY = Set.of("component-sync");
    /** Audio is paced at one 100 ms chunk every 100 ms; a chunk is on time when it reaches the server within a period. */
    static final long CHUNK_MILLIS = 100;
    static final int CHUNK_BYTES = 3200;

    private final BenchConfig cfg;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, long[]> latencySamples = new LinkedHashMap<>();
    private final Random random = new Random(20261201L);
    private final AtomicInteger ids = new AtomicInteger();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-driver");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Contender> contenders = new LinkedHashMap<>();
    private GeminiLiveEmulator emulator;

    /** @param cfg the sizes of this run */
    public Harness(BenchConfig cfg) {
        this.cfg = cfg;
    }

    /** @return the latency samples (nanoseconds) per contender, for the charts */
    Map<String, long[]> latencySamples() {
        return latencySamples;
    }

    /**
     * Runs all scenarios.
     *
     * @return the results tree: machine, config, one entry per scenario
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> run() throws Exception {
        results.put("machine", Machine.describe());
        results.put("config", configMap());
        // recording gives the server-side arrival times that tool dispatch and audio pacing are judged by; it costs
        // every contender the same
        emulator = GeminiLiveEmulator.builder().apiKey(Protocol.API_KEY).chunkDelay(Duration.ZERO)
                .maxSessionsPerKey(1_000_000).recording(true).maxRecordedSessions(20_000).start();
        try {
            List<String> names = new ArrayList<>(cfg.contenders());
            names.remove(FLOOR);
            names.add(0, FLOOR);
            for (String n : names) {
                contenders.put(n, Contenders.create(n, emulator.url(), emulator.httpUrl()));
            }
            step("latency", this::latency);
            step("throughput", this::throughput);
            step("toolDispatch", this::toolDispatch);
            step("audio", this::audio);
            step("idle", this::idle);
            for (Contender c : contenders.values()) {
                c.close();
            }
            contenders.clear();
            step("coldStart", this::coldStart);
        } finally {
            for (Contender c : contenders.values()) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // best effort at the end of a failed run
                }
            }
            emulator.close();
            pool.shutdownNow();
        }
        step("jmh", () -> CodecBenchRunner.run(cfg));
        ((Map<String, Object>) results.get("machine")).put("loadAverageAtEnd", Machine.loadAverage());
        return results;
    }

    private void step(String name, Callable<Map<String, Object>> scenario) throws Exception {
        // -Dbench.only=latency,jmh runs a subset, e.g. under a profiler; the report needs every scenario
        String only = System.getProperty("bench.only");
        if (only != null && !List.of(only.split(",")).contains(name)) {
            return;
        }
        long t0 = System.nanoTime();
        System.out.println("[bench] " + name + " ...");
        Map<String, Object> r = scenario.call();
        r.put("elapsedSeconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        results.put(name, r);
        System.out.println("[bench] " + name + " done in " + r.get("elapsedSeconds") + " s");
    }

    private Map<String, Object> configMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", cfg.profile());
        m.put("contenders", cfg.contenders());
        m.put("latencyWarmup", cfg.latencyWarmup());
        m.put("latencyTurns", cfg.latencyTurns());
        m.put("rounds", cfg.rounds());
        m.put("throughputRounds", cfg.throughputRounds());
        m.put("throughputSessions", cfg.throughputSessions());
        m.put("throughputBlockSeconds", cfg.throughputBlock().toMillis() / 1000.0);
        m.put("idleSessions", cfg.idleSessions());
        m.put("idleHoldSeconds", cfg.idleHold().toMillis() / 1000.0);
        m.put("audioSessions", cfg.audioSessions());
        m.put("audioSeconds", cfg.audioDuration().toMillis() / 1000.0);
        m.put("toolTurns", cfg.toolTurns());
        m.put("coldStarts", cfg.coldStarts());
        m.put("coldStartContenders", cfg.coldStartContenders());
        m.put("jmhForks", cfg.jmhForks());
        m.put("jmhIterations", cfg.jmhIterations());
        m.put("jmhIterationSeconds", cfg.jmhIterationTime().toMillis() / 1000.0);
        return m;
    }

    private List<String> shuffled() {
        List<String> order = new ArrayList<>(contenders.keySet());
        Collections.shuffle(order, random);
        return order;
    }

    private String id(String what) {
        return what + "-" + ids.incrementAndGet();
    }

    private static String check(String answer, String expect) {
        if (answer == null || !answer.contains(expect)) {
            throw new IllegalStateException("Unexpected answer: " + answer);
        }
        return answer;
    }

    // ---------------------------------------------------------------- turn latency

    /** Untimed turns on every fresh conversation before it is timed. */
    private static final int FRESH_WARMUP = 5;

    /** Turns per warm-up conversation: the emulator's work per turn grows with a conversation's length. */
    private static final int WARMUP_CONVERSATION_TURNS = 250;

    /**
     * Runs untimed turns until the JIT has compiled a contender's path: a contender with more code (Camel's exchange
     * handling, the component's) needs thousands of turns to reach its steady state, and a few hundred would time its
     * compilation instead of its turns.
     */
    private void warmUp(Contender contender, boolean tools, int turns) throws Exception {
        for (int done = 0; done < turns;) {
            try (Contender.Conversation c = contender.open(id("warm"), tools)) {
                for (int i = 0; i < WARMUP_CONVERSATION_TURNS && done < turns; i++, done++) {
                    if (tools) {
                        check(c.ask(Protocol.TOOL_PROMPT), "tempC");
                    } else {
                        check(c.ask("warm up " + i), "You said");
                    }
                }
            }
        }
    }

    private Map<String, Object> latency() throws Exception {
        for (Contender c : contenders.values()) {
            warmUp(c, false, cfg.latencyWarmup());
        }
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        contenders.keySet().forEach(n -> samples.put(n, new ArrayList<>()));
        int perRound = Math.max(1, cfg.latencyTurns() / cfg.rounds());
        for (int r = 0; r < cfg.rounds(); r++) {
            for (String n : shuffled()) {
                // a fresh conversation per round: the emulator's work per turn grows with the conversation's length,
                // so long conversations would measure the emulator more than the client
                try (Contender.Conversation c = contenders.get(n).open(id("lat"), false)) {
                    for (int i = 0; i < FRESH_WARMUP; i++) {
                        check(c.ask("warm up " + i), "You said");
                    }
                    for (int i = 0; i < perRound; i++) {
                        long t0 = System.nanoTime();
                        String a = c.ask("hello " + i);
                        samples.get(n).add(System.nanoTime() - t0);
                        check(a, "You said: hello " + i);
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : samples.entrySet()) {
            long[] s = e.getValue().stream().mapToLong(Long::longValue).toArray();
            latencySamples.put(e.getKey(), s);
            Map<String, Object> m = Stats.summary(s);
            m.put("distribution", Stats.distribution(s));
            out.put(e.getKey(), m);
        }
        emulator.clearSessions();
        return out;
    }

    // ---------------------------------------------------------------- throughput

    private <T> List<T> parallel(int n, IntTask<T> task) throws Exception {
        List<Future<T>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(pool.submit(() -> task.run(k)));
        }
        List<T> out = new ArrayList<>();
        for (Future<T> f : fs) {
            out.add(f.get(2, TimeUnit.MINUTES));
        }
        return out;
    }

    @FunctionalInterface
    private interface IntTask<T> {
        T run(int i) throws Exception;
    }

    private List<Contender.Conversation> openWarm(Contender c, int n, String what, boolean tools) throws Exception {
        // at most 16 handshakes at once, as a server under load would want them
        List<Contender.Conversation> convs = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        parallel(Math.min(16, n), w -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                Contender.Conversation conv = c.open(id(what), tools);
                check(conv.ask("hello"), "You said");
                convs.add(conv);
            }
            return null;
        });
        return new ArrayList<>(convs);
    }

    private void closeAll(List<Contender.Conversation> convs) throws Exception {
        // bounded, like openWarm: a thread per close would leave a thousand idle driver threads in the next baseline
        AtomicInteger next = new AtomicInteger();
        parallel(Math.min(16, convs.size()), w -> {
            for (int i = next.getAndIncrement(); i < convs.size(); i = next.getAndIncrement()) {
                convs.get(i).close();
            }
            return null;
        });
    }

    private Map<String, Object> throughput() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int sessions : cfg.throughputSessions()) {
            Map<String, long[]> totals = new LinkedHashMap<>();   // turns, nanos, errors
            contenders.keySet().forEach(n -> totals.put(n, new long[3]));
            for (int r = 0; r < cfg.throughputRounds(); r++) {
                for (String n : shuffled()) {
                    // fresh sessions per block, untimed: a faster contender's conversations would otherwise grow
                    // longer and cost the emulator more per turn than a slower one's
                    List<Contender.Conversation> cs = openWarm(contenders.get(n), sessions, "tp", false);
                    AtomicLong turns = new AtomicLong();
                    AtomicLong errors = new AtomicLong();
                    long deadline = System.nanoTime() + cfg.throughputBlock().toNanos();
                    long t0 = System.nanoTime();
                    parallel(cs.size(), i -> {
                        Contender.Conversation c = cs.get(i);
                        int k = 0;
                        while (System.nanoTime() < deadline) {
                            try {
                                check(c.ask("turn " + k++), "You said");
                                turns.incrementAndGet();
                            } catch (Exception ex) {
                                errors.incrementAndGet();
                            }
                        }
                        return null;
                    });
                    long[] t = totals.get(n);
                    t[0] += turns.get();
                    t[1] += System.nanoTime() - t0;
                    t[2] += errors.get();
                    closeAll(cs);
                    emulator.clearSessions();
                }
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (var e : totals.entrySet()) {
                Map<String, Object> m = new LinkedHashMap<>();
                long[] t = e.getValue();
                m.put("turnsPerSecond", Math.round(t[0] / (t[1] / 1e9) * 10) / 10.0);
                m.put("turns", t[0]);
                m.put("errors", t[2]);
                row.put(e.getKey(), m);
            }
            out.put(String.valueOf(sessions), row);
        }
        return out;
    }

    // ---------------------------------------------------------------- tool dispatch

    private Map<String, Object> toolDispatch() throws Exception {
        int warm = 3;
        Map<String, Contender.Conversation> convs = new LinkedHashMap<>();
        Map<String, EmulatorSession> serverSide = new LinkedHashMap<>();
        for (Contender c : contenders.values()) {
            // the tool path (a route per call in the component) is code no other scenario runs
            warmUp(c, true, cfg.latencyWarmup() / 2);
        }
        for (var e : contenders.entrySet()) {
            Contender.Conversation c = e.getValue().open(id("tool"), true);
            check(c.ask("hello"), "You said");
            // nothing else runs now, so the newest emulator session is this conversation's
            serverSide.put(e.getKey(), emulator.lastSession().orElseThrow());
            for (int i = 0; i < warm; i++) {
                check(c.ask(Protocol.TOOL_PROMPT), "tempC");
            }
            convs.put(e.getKey(), c);
        }
        Map<String, List<Long>> client = new LinkedHashMap<>();
        contenders.keySet().forEach(n -> client.put(n, new ArrayList<>()));
        int perRound = Math.max(1, cfg.toolTurns() / cfg.rounds());
        for (int r = 0; r < cfg.rounds(); r++) {
            for (String n : shuffled()) {
                for (int i = 0; i < perRound; i++) {
                    long t0 = System.nanoTime();
                    check(convs.get(n).ask(Protocol.TOOL_PROMPT), "tempC");
                    client.get(n).add(System.nanoTime() - t0);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String n : contenders.keySet()) {
            List<Long> dispatch = new ArrayList<>();
            Instant callSent = null;
            for (RecordedFrame f : serverSide.get(n).allFrames()) {
                if (f.isOut() && f.server() != null && f.server().toolCall() != null) {
                    callSent = f.time();
                } else if (f.isIn() && callSent != null && f.client() != null && f.client().toolResponse() != null) {
                    dispatch.add(Duration.between(callSent, f.time()).toNanos());
                    callSent = null;
                }
            }
            List<Long> timed = dispatch.subList(Math.min(warm, dispatch.size()), dispatch.size());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("atServer", Stats.summary(timed.stream().mapToLong(Long::longValue).toArray()));
            m.put("wholeTurn", Stats.summary(client.get(n).stream().mapToLong(Long::longValue).toArray()));
            out.put(n, m);
            convs.get(n).close();
        }
        emulator.clearSessions();
        return out;
    }

    // ---------------------------------------------------------------- real-time audio

    /** Silence carrying (session, chunk, block) in its first samples: far below the emulator's speech threshold. */
    static byte[] taggedSilence(int session, int chunk, int block) {
        ByteBuffer b = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (session + 1)).putShort((short) (chunk + 1)).putShort((short) (block + 1));
        return b.array();
    }

    private static int[] tag(byte[] pcm) {
        if (pcm == null || pcm.length < 6) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        return new int[] {b.getShort() - 1, b.getShort() - 1, b.getShort() - 1};
    }

    private final AtomicInteger audioBlocks = new AtomicInteger();

    private Map<String, Object> audio() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int sessions : cfg.audioSessions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String n : shuffled()) {
                if (TURNS_ONLY.contains(n)) {
                    continue;
                }
                row.put(n, audioBlock(contenders.get(n), sessions));
            }
            Map<String, Object> ordered = new LinkedHashMap<>();
            contenders.keySet().stream().filter(row::containsKey).forEach(n -> ordered.put(n, row.get(n)));
            out.put(String.valueOf(sessions), ordered);
        }
        return out;
    }

    private Map<String, Object> audioBlock(Contender c, int sessions) throws Exception {
        List<Contender.Conversation> convs = openWarm(c, sessions, "audio", false);
        int block = audioBlocks.getAndIncrement();
        int chunks = (int) (cfg.audioDuration().toMillis() / CHUNK_MILLIS);
        ScheduledExecutorService senders = Executors.newScheduledThreadPool(8, r -> {
            Thread t = new Thread(r, "bench-audio");
            t.setDaemon(true);
            return t;
        });
        long lead = 300;
        Instant baseEpoch = Instant.now().plusMillis(lead);
        long baseNanos = System.nanoTime() + lead * 1_000_000;
        long period = CHUNK_MILLIS * 1_000_000;
        CountDownLatch done = new CountDownLatch(sessions);
        AtomicLong sendErrors = new AtomicLong();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int s = 0; s < sessions; s++) {
            long offset = s * period / sessions;   // spread the sessions over the period, as independent callers are
            scheduleChunk(senders, convs.get(s), s, 0, chunks, block, baseNanos + offset, period, done, sendErrors);
        }
        long endNanos = baseNanos + chunks * period;
        done.await(Math.max(10_000, 3 * cfg.audioDuration().toMillis()), TimeUnit.MILLISECONDS);
        long cpu1 = os.getProcessCpuTime();
        long wall1 = System.nanoTime();
        senders.shutdownNow();
        // late chunks still count as delivered if they arrive within a second of the end; they are late either way
        long wait = (endNanos + 10 * period - System.nanoTime()) / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        int onTime = 0;
        int delivered = 0;
        List<Long> lateness = new ArrayList<>();
        for (EmulatorSession es : emulator.sessions()) {
            for (RecordedFrame f : es.frames().received()) {
                ClientMessage m = f.client();
                if (m == null || m.realtimeInput() == null || m.realtimeInput().audio() == null) {
                    continue;
                }
                int[] t = tag(m.realtimeInput().audio().data());
                if (t == null || t[2] != block || t[0] < 0 || t[0] >= sessions) {
                    continue;
                }
                Instant due = baseEpoch.plusNanos(t[0] * period / sessions + t[1] * period);
                long late = Duration.between(due, f.time()).toNanos();
                delivered++;
                lateness.add(late);
                if (late <= period) {
                    onTime++;
                }
            }
        }
        closeAll(convs);
        emulator.clearSessions();
        long expected = (long) sessions * chunks;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chunks", expected);
        m.put("delivered", delivered);
        m.put("onTimeFraction", Math.round(onTime * 100000.0 / expected) / 100000.0);
        m.put("sendErrors", sendErrors.get());
        m.put("lateness", Stats.summary(lateness.stream().mapToLong(Long::longValue).toArray()));
        double cores = Runtime.getRuntime().availableProcessors();
        m.put("cpuPercentOfMachine", Math.round((cpu1 - cpu0) * 1000.0 / ((wall1 - wall0) * cores)) / 10.0);
        return m;
    }

    private void scheduleChunk(ScheduledExecutorService senders, Contender.Conversation conv, int s, int k, int chunks, int block,
            long dueNanos, long period, CountDownLatch done, AtomicLong errors) {
        long delay = dueNanos - System.nanoTime();
        senders.schedule(() -> {
            try {
                conv.sendAudio(taggedSilence(s, k, block));
            } catch (Exception e) {
                errors.incrementAndGet();
            }
            if (k + 1 < chunks) {
                scheduleChunk(senders, conv, s, k + 1, chunks, block, dueNanos + period, period, done, errors);
            } else {
                done.countDown();
            }
        }, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- idle sessions

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static java.util.Set<Long> liveThreadIds() {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            ids.add(t.getId());
        }
        return ids;
    }

    private static int newThreads(java.util.Set<Long> baseline) {
        java.util.Set<Long> now = liveThreadIds();
        now.removeAll(baseline);
        return now.size();
    }

    /** The threads started since the baseline, counted by pool (digits in their names folded), to say what a peak is. */
    private static Map<String, Integer> newThreadsByPool(java.util.Set<Long> baseline) {
        Map<String, Integer> pools = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!baseline.contains(t.getId())) {
                pools.merge(t.getName().replaceAll("\\d+", "N"), 1, Integer::sum);
            }
        }
        return pools;
    }

    /** Samples, every 50 ms, the threads alive that are not in a baseline; keeps the peak and its pools. */
    private static final class PeakThreads implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicInteger peak = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicReference<Map<String, Integer>> pools =
                new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        private java.util.Set<Long> baseline;

        /** Takes the baseline: every thread alive now, the sampler's own included. */
        PeakThreads() throws Exception {
            sampler.submit(() -> null).get();
            baseline = liveThreadIds();
            sampler.scheduleAtFixedRate(() -> {
                int now = newThreads(baseline);
                if (now > peak.get()) {
                    peak.set(now);
                    pools.set(newThreadsByPool(baseline));
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        java.util.Set<Long> baseline() {
            return baseline;
        }

        /** Starts a new peak against the same baseline. */
        void reset() {
            peak.set(0);
            pools.set(Map.of());
        }

        int peak() {
            return Math.max(peak.get(), newThreads(baseline));
        }

        Map<String, Integer> pools() {
            return pools.get();
        }

        @Override
        public void close() throws InterruptedException {
            sampler.shutdown();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Map<String, Object> idle() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        // heap attribution needs one contender at a time, so this scenario is not interleaved; the floor goes first
        for (var e : contenders.entrySet()) {
            if (TURNS_ONLY.contains(e.getKey())) {
                continue;
            }
            int n = cfg.idleSessions();
            int few = Math.max(1, n / 10);
            // the driver's own threads exist before the baseline, so they are not counted
            parallel(17, i -> null);
            // threads are counted by identity, not by number: pools of earlier scenarios that wind down during the
            // hold would otherwise hide the threads this contender adds
            Map<String, Object> m = new LinkedHashMap<>();
            try (PeakThreads threads = new PeakThreads()) {
                // the same opens at a tenth of the count, against the same baseline: a thread per connect shows as a
                // peak that grows with the count, a bounded pool as the same peak
                List<Contender.Conversation> firstFew = openWarm(e.getValue(), few, "idle-few", false);
                int peakFew = threads.peak();
                closeAll(firstFew);
                Thread.sleep(200);
                emulator.clearSessions();
                long heap0 = usedHeapAfterGc();
                threads.reset();
                List<Contender.Conversation> convs = openWarm(e.getValue(), n, "idle", false);
                int peakAll = threads.peak();
                Map<String, Integer> pools = threads.pools();
                long heap1 = usedHeapAfterGc();
                int threads1 = newThreads(threads.baseline());
                Thread.sleep(cfg.idleHold().toMillis());
                long heap2 = usedHeapAfterGc();
                int threads2 = newThreads(threads.baseline());
                m.put("sessions", n);
                m.put("heapPerSessionKB", Math.round((heap2 - heap0) / 1024.0 / n * 10) / 10.0);
                m.put("heapPerSessionKBAfterOpen", Math.round((heap1 - heap0) / 1024.0 / n * 10) / 10.0);
                m.put("threadsAdded", threads2);
                m.put("threadsAddedAfterOpen", threads1);
                m.put("peakThreadsAddedWhileConnecting", peakAll);
                m.put("fewSessions", few);
                m.put("peakThreadsAddedWhileConnectingFew", peakFew);
                m.put("peakThreadsByPool", pools);
                closeAll(convs);
                convs.clear();
            }
            out.put(e.getKey(), m);
            Thread.sleep(200);
            emulator.clearSessions();
        }
        return out;
    }

    // ---------------------------------------------------------------- cold start

    private Map<String, Object> coldStart() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        Map<String, List<double[]>> samples = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(cfg.coldStartContenders());
        names.retainAll(cfg.contenders());
        names.remove(FLOOR);
        names.add(0, FLOOR);
        names.forEach(n -> samples.put(n, new ArrayList<>()));
        for (int i = 0; i < cfg.coldStarts(); i++) {
            List<String> order = new ArrayList<>(names);
            Collections.shuffle(order, random);
            for (String n : order) {
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(java, "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", cp, ColdStart.class.getName(), n, emulator.url(), emulator.httpUrl())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String line = null;
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String l = r.readLine(); l != null; l = r.readLine()) {
                        if (l.startsWith("COLDSTART ")) {
                            line = l;
                        }
                    }
                }
                if (!p.waitFor(2, TimeUnit.MINUTES) || line == null) {
                    p.destroyForcibly();
                    throw new IllegalStateException("Cold start of " + n + " failed (exit " + p.exitValue() + ")");
                }
                double wall = (System.nanoTime() - t0) / 1e6;
                String[] parts = line.split(" ");
                samples.get(n).add(new double[] {Double.parseDouble(parts[1]), Double.parseDouble(parts[2]), wall});
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (var e : samples.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", e.getValue().size());
            m.put("mainToFirstAnswerMs", median(e.getValue(), 0));
            m.put("jvmStartToFirstAnswerMs", median(e.getValue(), 1));
            m.put("processWallMs", median(e.getValue(), 2));
            out.put(e.getKey(), m);
        }
        emulator.clearSessions();
        return out;
    }

    private static double median(List<double[]> xs, int k) {
        double[] v = xs.stream().mapToDouble(x -> x[k]).sorted().toArray();
        return v.length == 0 ? Double.NaN : Math.round(v[(v.length - 1) / 2] * 10) / 10.0;
    }
}
