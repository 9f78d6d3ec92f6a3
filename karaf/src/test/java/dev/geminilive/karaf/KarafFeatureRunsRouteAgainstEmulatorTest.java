package dev.geminilive.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.protocol.ClientMessage;
import dev.geminilive.emulator.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Boots Apache Karaf 4.4.10 from its Maven distribution, installs the {@code camel-gemini-live} feature from this
 * module's features.xml (with Camel, Tyrus, Jackson and commons-codec) and a small probe bundle, and checks that a
 * {@code gemini-live:} route inside Karaf holds a two-turn conversation with the emulator running in this JVM on
 * 127.0.0.1. Karaf resolves bundles only from target/karaf-repo (no remote repository) and opens no SSH or JMX port.
 */
class KarafFeatureRunsRouteAgainstEmulatorTest {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(200);

    private final Path home = Path.of(System.getProperty("karaf.test.home"));
    private final Path repo = Path.of(System.getProperty("karaf.test.repo"));
    private final Path features = Path.of(System.getProperty("karaf.test.features"));
    private final Path work = Path.of(System.getProperty("karaf.test.work"));
    private final String version = System.getProperty("karaf.test.projectVersion");

    @Test
    @Timeout(280)
    void camelGeminiLiveFeatureInstallsAndItsRouteConversesWithTheEmulator() throws Exception {
        Files.createDirectories(work);
        Path probeJar = buildProbeBundle(work.resolve("gemini-live-karaf-probe.jar"));
        Path testFeatures = work.resolve("probe-features.xml");
        Files.writeString(testFeatures, """
                <?xml version="1.0" encoding="UTF-8"?>
                <features name="gemini-live-karaf-probe" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <repository>%s</repository>
                  <feature name="gemini-live-karaf-probe" version="1.0.0">
                    <feature version="%s">camel-gemini-live</feature>
                    <bundle>%s</bundle>
                  </feature>
                </features>
                """.formatted(features.toUri(), version, probeJar.toUri()), StandardCharsets.UTF_8);
        Path result = work.resolve("probe-result.properties");
        Files.deleteIfExists(result);

        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().start();
                KarafInstance karaf = KarafInstance.start(home, repo, List.of(testFeatures.toUri().toString()),
                        List.of("gemini-live-karaf-probe"),
                        Map.of("geminilive.karaf.probe.url", emulator.url(),
                                "geminilive.karaf.probe.result", result.toString()))) {

            Properties probe = awaitResult(karaf, result);
            assertEquals("ok", probe.getProperty("status"), () -> "probe failed: " + probe.getProperty("error")
                    + "\n" + karaf.logs());

            // the route's two turns, answered by the emulator through the component inside Karaf
            assertEquals("Nice to meet you, Ada.", probe.getProperty("reply.1"));
            assertEquals("Your name is Ada.", probe.getProperty("reply.2"));
            assertEquals(1, emulator.sessions().size(), "both turns used one Live session");
            List<ClientMessage> sent = emulator.sessions().get(0).allFrames().stream()
                    .filter(RecordedFrame::isIn).map(RecordedFrame::client).toList();
            assertEquals("models/gemini-3.1-flash-live-preview", sent.get(0).setup().model());
            assertEquals("What is my name?", sent.get(2).realtimeInput().text());

            // Camel found the component and its generated configurer in the component bundle, by scheme and by name
            assertEquals("dev.geminilive.camel.GeminiLiveComponent", probe.getProperty("component.class"));
            assertEquals("dev.geminilive.camel-gemini-live", probe.getProperty("component.bundle"));
            assertEquals("dev.geminilive.camel.GeminiLiveComponentConfigurer", probe.getProperty("component.configurer"));
            assertEquals("dev.geminilive.gemini-live-client", probe.getProperty("client.bundle"));
            assertEquals("4.22.0", probe.getProperty("camel.version"));
            assertEquals("org.apache.camel.camel-core-engine", probe.getProperty("camel.bundle"));
            assertEquals("Started", probe.getProperty("route.status"));

            // every bundle of the features is active in the framework, none in a lesser state
            for (String bsn : List.of("dev.geminilive.camel-gemini-live", "dev.geminilive.gemini-live-client",
                    "org.glassfish.tyrus.client", "org.glassfish.tyrus.core", "org.glassfish.tyrus.spi",
                    "org.glassfish.tyrus.container-grizzly-client", "org.glassfish.grizzly.framework",
                    "com.fasterxml.jackson.core.jackson-databind", "org.apache.commons.commons-codec",
                    "org.apache.camel.camel-api", "org.apache.camel.camel-support", "org.apache.camel.camel-health")) {
                String state = probe.getProperty("bundle." + bsn);
                assertTrue(state != null && state.endsWith(" ACTIVE"), bsn + " is " + state);
            }
        }
    }

    /** Waits for the probe's result file, failing early when Karaf exits or logs that a boot feature failed. */
    private static Properties awaitResult(KarafInstance karaf, Path result) throws Exception {
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (!Files.exists(result)) {
            if (!karaf.isAlive()) {
                fail("Karaf exited before the probe reported\n" + karaf.logs());
            }
            String log = karaf.karafLog();
            if (log.contains("Error installing boot feature") || log.contains("Unable to resolve root")) {
                Thread.sleep(500);
                fail("Karaf could not install the features\n" + karaf.logs());
            }
            if (System.nanoTime() > deadline) {
                fail("no probe result within " + PROBE_TIMEOUT + "\n" + karaf.logs());
            }
            Thread.sleep(250);
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /** Packs the probe classes from target/test-classes into a bundle with a hand-written manifest. */
    private static Path buildProbeBundle(Path jar) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path pkg = classes.resolve("dev/geminilive/karaf/probe");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "dev.geminilive.karaf-probe");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue("Bundle-Activator", "dev.geminilive.karaf.probe.RouteProbeActivator");
        a.putValue("Import-Package", String.join(",",
                "org.osgi.framework;version=\"[1.8,2)\"",
                "dev.geminilive.client;version=\"[0.1,1)\"",
                "org.apache.camel;version=\"[4.22,5)\"",
                "org.apache.camel.builder;version=\"[4.22,5)\"",
                "org.apache.camel.impl;version=\"[4.22,5)\"",
                "org.apache.camel.model;version=\"[4.22,5)\"",
                "org.apache.camel.spi;version=\"[4.22,5)\"",
                "org.apache.camel.support;version=\"[4.22,5)\""));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
                Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
