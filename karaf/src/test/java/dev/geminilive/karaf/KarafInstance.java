package dev.geminilive.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unpacked Apache Karaf run as a child process ({@code bin/karaf server}) for one test: its {@code data/} wiped,
 * its Maven resolver pointed at one local folder only (no remote repository), no SSH and no JMX (their features are
 * not booted), the given features booted. {@link #close()} stops it, and so does a JVM shutdown hook if the test JVM
 * goes down first.
 */
final class KarafInstance implements AutoCloseable {

    private final Path home;
    private final Process process;
    private final Thread shutdownHook;

    private KarafInstance(Path home, Process process) {
        this.home = home;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "karaf-test-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * @param home               the unpacked distribution
     * @param mavenRepo          a folder in Maven layout that holds every bundle the features name
     * @param featureRepos       feature repository URLs to add
     * @param bootFeatures       features to install at boot, after Karaf's own minimal set
     * @param systemProperties   extra -D options for Karaf's JVM
     */
    static KarafInstance start(Path home, Path mavenRepo, List<String> featureRepos, List<String> bootFeatures,
            Map<String, String> systemProperties) throws IOException {
        deleteTree(home.resolve("data"));
        deleteTree(home.resolve("instances"));
        Path etc = home.resolve("etc");

        List<String> repos = new ArrayList<>(List.of(
                "mvn:org.apache.karaf.features/standard/4.4.10/xml/features",
                "mvn:org.apache.karaf.features/framework/4.4.10/xml/features"));
        repos.addAll(featureRepos);
        // the framework and the wrap: URL handler; no shell commands, no ssh, no management (JMX/RMI)
        List<String> boot = new ArrayList<>(List.of("framework", "wrap"));
        boot.addAll(bootFeatures);
        Files.writeString(etc.resolve("org.apache.karaf.features.cfg"),
                "featuresRepositories = " + String.join(", ", repos) + "\n"
                        + "featuresBoot = " + String.join(", ", boot) + "\n"
                        + "featuresBootAsynchronous = false\n"
                        + "serviceRequirements = default\n",
                StandardCharsets.UTF_8);

        Path emptyLocal = home.resolve("data").resolve("m2-empty");
        Files.createDirectories(emptyLocal);
        Files.writeString(etc.resolve("org.ops4j.pax.url.mvn.cfg"),
                "org.ops4j.pax.url.mvn.localRepository = " + emptyLocal.toUri() + "\n"
                        + "org.ops4j.pax.url.mvn.defaultRepositories = file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots, "
                        + mavenRepo.toUri() + "@id=build.repository@snapshots\n"
                        + "org.ops4j.pax.url.mvn.repositories =\n"
                        + "org.ops4j.pax.url.mvn.useFallbackRepositories = false\n"
                        + "org.ops4j.pax.url.mvn.offline = true\n"
                        + "org.ops4j.pax.url.mvn.settings = " + home.resolve("etc").resolve("no-settings.xml") + "\n",
                StandardCharsets.UTF_8);

        // C1 only: Karaf's boot and the wrap: analysis are short-lived work, and the machine may be busy
        StringBuilder opts = new StringBuilder("-Djava.net.preferIPv4Stack=true -XX:TieredStopAtLevel=1");
        systemProperties.forEach((k, v) -> opts.append(" -D").append(k).append('=').append(v));

        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin").resolve("karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_MIN_MEM", "128M");
        env.put("JAVA_MAX_MEM", "512M");
        env.put("EXTRA_JAVA_OPTS", opts.toString());
        env.remove("KARAF_DEBUG");
        return new KarafInstance(home, pb.start());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path home() {
        return home;
    }

    /** @return Karaf's log (data/log/karaf.log) and console output so far, for failure messages */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (Path p : List.of(home.resolve("data/log/karaf.log"), home.resolve("console.log"))) {
            try {
                if (Files.exists(p)) {
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    sb.append("==== ").append(p).append('\n')
                            .append(text.length() > 20_000 ? text.substring(text.length() - 20_000) : text).append('\n');
                }
            } catch (IOException e) {
                sb.append("(cannot read ").append(p).append(": ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    String karafLog() {
        Path p = home.resolve("data/log/karaf.log");
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** SIGTERM to Karaf's JVM and the script (Karaf shuts down cleanly on it), then SIGKILL after 20 s. */
    private void stop() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (ProcessHandle h : all) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                h.destroyForcibly();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
