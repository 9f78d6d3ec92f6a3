package dev.geminilive.emulator;

import java.util.concurrent.TimeUnit;

import dev.geminilive.emulator.brain.Conversation;
import dev.geminilive.protocol.Modality;
import dev.geminilive.protocol.UsageMetadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The emulator's per-turn usage metadata, for a conversation of {@code turns} turns (a latency round of the harness
 * reaches a few hundred). Run with {@code java -cp benchmarks.jar:lib/* org.openjdk.jmh.Main EmulatorPathsBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EmulatorPathsBench {

    @Param({"10", "500"})
    public int turns;

    private Conversation memory;

    @Setup
    public void setUp() {
        memory = new Conversation();
        memory.setSystemInstruction("You are a helpful assistant.");
        for (int i = 0; i < turns; i++) {
            memory.addUser("What is the weather in Paris tomorrow? " + i);
            memory.addModel("You said: What is the weather in Paris tomorrow? " + i);
        }
    }

    /** @return the usage metadata of a turn's turnComplete */
    @Benchmark
    public UsageMetadata usage() {
        return TurnComposer.usage(memory, 12, Modality.TEXT);
    }
}
