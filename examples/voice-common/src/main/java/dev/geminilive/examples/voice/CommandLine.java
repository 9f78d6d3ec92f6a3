package dev.geminilive.examples.voice;

import java.util.concurrent.CountDownLatch;

/** What the gateways' main methods share: reading {@code --name value} options and running until the JVM stops. */
public final class CommandLine {

    private CommandLine() {
    }

    /** @return the value after {@code name} in the arguments, or the fallback */
    public static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** Blocks until the JVM shuts down, then closes the gateway and the backend. */
    public static void runUntilStopped(AutoCloseable gateway, GeminiBackend backend) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                gateway.close();
            } catch (Exception e) {
                // stopping anyway
            }
            backend.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
