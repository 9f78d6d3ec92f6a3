package dev.geminilive.camel.session;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.geminilive.protocol.UsageMetadata;
import dev.geminilive.protocol.UsageMetadata.ModalityTokenCount;

/**
 * What the sessions of one endpoint name did since they started: frames each way, reconnects, tokens by modality and
 * how long the model took to begin answering. Counted on the socket threads without locks; read by JMX and the dev console.
 */
public final class SessionStats {

    private final LongAdder framesIn = new LongAdder();
    private final LongAdder framesOut = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder answeredTurns = new LongAdder();
    private final LongAdder firstResponseNanos = new LongAdder();
    private final AtomicLong maxFirstResponseNanos = new AtomicLong();
    private final AtomicLong lastFirstResponseNanos = new AtomicLong();
    private final Map<String, LongAdder> tokens = new ConcurrentHashMap<>();

    void frameIn() {
        framesIn.increment();
    }

    void frameOut() {
        framesOut.increment();
    }

    void reconnected() {
        reconnects.increment();
    }

    /** A turn some input asked for began to arrive this long after the input went out. */
    void firstResponse(long nanos) {
        if (nanos < 0) {
            return;
        }
        answeredTurns.increment();
        firstResponseNanos.add(nanos);
        lastFirstResponseNanos.set(nanos);
        maxFirstResponseNanos.accumulateAndGet(nanos, Math::max);
    }

    /** Adds a turn's token counts, by direction and modality (e.g. {@code prompt.AUDIO}, {@code response.TEXT}). */
    void usage(UsageMetadata usage) {
        if (usage == null) {
            return;
        }
        add("prompt", usage.promptTokensDetails());
        add("response", usage.responseTokensDetails() != null ? usage.responseTokensDetails() : usage.candidatesTokensDetails());
        add("toolUsePrompt", usage.toolUsePromptTokensDetails());
        if (usage.thoughtsTokenCount() != null) {
            tokens.computeIfAbsent("thoughts", k -> new LongAdder()).add(usage.thoughtsTokenCount());
        }
        if (usage.totalTokenCount() != null) {
            tokens.computeIfAbsent("total", k -> new LongAdder()).add(usage.totalTokenCount());
        }
    }

    private void add(String direction, java.util.List<ModalityTokenCount> details) {
        if (details == null) {
            return;
        }
        for (ModalityTokenCount d : details) {
            if (d != null && d.tokenCount() != null) {
                String modality = d.modality() == null ? "UNSPECIFIED" : d.modality().toString();
                tokens.computeIfAbsent(direction + "." + modality, k -> new LongAdder()).add(d.tokenCount());
            }
        }
    }

    /** @return server messages received */
    public long framesIn() {
        return framesIn.sum();
    }

    /** @return client messages handed to connections after setup (resent ones count again) */
    public long framesOut() {
        return framesOut.sum();
    }

    /** @return how often a conversation moved to a new connection */
    public long reconnects() {
        return reconnects.sum();
    }

    /** @return turns answered to input that asked for them */
    public long answeredTurns() {
        return answeredTurns.sum();
    }

    /** @return the mean time from input to the first frame of its answer, in milliseconds; 0 before any */
    public double meanFirstResponseMillis() {
        long n = answeredTurns.sum();
        return n == 0 ? 0 : firstResponseNanos.sum() / 1e6 / n;
    }

    /** @return the longest time from input to the first frame of its answer, in milliseconds */
    public double maxFirstResponseMillis() {
        return maxFirstResponseNanos.get() / 1e6;
    }

    /** @return the newest time from input to the first frame of its answer, in milliseconds */
    public double lastFirstResponseMillis() {
        return lastFirstResponseNanos.get() / 1e6;
    }

    /** @return tokens counted so far by direction and modality, e.g. {@code prompt.AUDIO=1200}, plus total and thoughts */
    public Map<String, Long> tokens() {
        Map<String, Long> out = new TreeMap<>();
        tokens.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** @return the tokens of one key of {@link #tokens()}; 0 when none were counted */
    public long tokens(String key) {
        LongAdder a = tokens.get(key);
        return a == null ? 0 : a.sum();
    }
}
