package dev.geminilive.bench;

import java.lang.management.ManagementFactory;

/**
 * Runs in a fresh JVM: creates one contender, opens a session and asks one question, then prints how long that took
 * from {@code main} (and from the JVM's start) as a line {@code COLDSTART <mainMs> <jvmMs>}.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /** @param args contender name, emulator ws URL, emulator http URL */
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        String answer;
        long mainNanos;
        long sinceJvmStart;
        try (Contender c = Contenders.create(args[0], args[1], args[2]); Contender.Conversation conv = c.open("cold", false)) {
            answer = conv.ask("hello");
            mainNanos = System.nanoTime() - t0;
            sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        }
        if (answer == null || answer.isEmpty()) {
            throw new IllegalStateException("No answer");
        }
        System.out.println("COLDSTART " + mainNanos / 1e6 + " " + sinceJvmStart);
        System.out.flush();
        // genai's OkHttp and Camel leave non-daemon threads behind for a while; the measurement is done
        System.exit(0);
    }
}
