package dev.geminilive.camel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.geminilive.camel.GeminiLiveComponent;
import dev.geminilive.camel.GeminiLiveConfiguration;
import dev.geminilive.camel.GeminiLiveConstants;
import dev.geminilive.camel.docs.GuideSnippets.Snippet;
import dev.geminilive.client.LiveClientException;
import dev.geminilive.emulator.EmulatorMain;
import dev.geminilive.emulator.EmulatorSession;
import dev.geminilive.emulator.GeminiLiveEmulator;
import dev.geminilive.emulator.GeminiLiveEmulatorExtension;
import dev.geminilive.emulator.scenario.Scenario;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every code block of docs/user-guide.md is compiled or run here (Spring Boot's blocks are also booted by
 * camel-gemini-live-starter's UserGuideSpringBootTest). A block without a check, or a check without its block, fails.
 *
 * <p>
 * Java blocks are compiled with javax.tools against the test classpath: route blocks as the body of
 * {@code RouteBuilder.configure()}, statement blocks as a method body with {@code context} and {@code template} in
 * scope, complete classes as they are; then run against the emulator. Each question's answer is checked to be the
 * answer to that question (the emulator echoes it). The guide's emulator address {@code ws://127.0.0.1:8765} is
 * replaced by the test emulator's; {@code file:inbox}, {@code file:outbox}, {@code target/conversations} and
 * {@code resource:classpath:functions.json} by temporary paths; the JMS consumer by {@code direct:} (camel-jms itself
 * is tested in examples/jms-bridge).
 */
class UserGuideSnippetsTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GUIDE = ROOT.resolve("docs/user-guide.md");
    static final String GUIDE_URL = "ws://127.0.0.1:8765";
    static final String KEY = "test-key";

    static List<Snippet> snippets;
    static Map<String, Snippet> byId = new LinkedHashMap<>();

    @TempDir
    static Path tmp;

    interface Check {
        void run(Snippet s) throws Exception;
    }

    private final Map<String, Check> checks = new LinkedHashMap<>();

    @BeforeAll
    static void parseGuide() {
        snippets = GuideSnippets.parse(GuideSnippets.read(GUIDE));
        for (Snippet s : snippets) {
            assertTrue(byId.putIfAbsent(s.id(), s) == null, "snippet id used twice: " + s.id());
        }
    }

    UserGuideSnippetsTest() {
        checks.put("xml-dependency", this::dependency);
        checks.put("xml-starter", this::dependency);
        checks.put("sh-emulator", this::shellEmulator);
        checks.put("sh-google-key", this::shellGoogleKey);
        checks.put("java-first-program", this::firstProgram);
        checks.put("route-google", this::routeGoogle);
        checks.put("java-component-defaults", this::componentDefaults);
        checks.put("route-conversation", this::routeConversation);
        checks.put("java-send-conversation", this::sendConversation);
        checks.put("route-audio-file", this::audioFile);
        checks.put("json-functions", this::functionsJson);
        checks.put("route-tools", this::tools);
        checks.put("route-consumer-events", this::consumerEvents);
        checks.put("route-barge-in", this::bargeIn);
        checks.put("yaml-routes", this::yamlRoutes);
        checks.put("properties-camel-main", this::camelMainProperties);
        checks.put("spring-application-yaml", this::springYaml);
        checks.put("spring-health-yaml", this::springYaml);
        checks.put("karaf-install", this::karaf);
        checks.put("route-jms", this::jms);
        checks.put("java-emulator-in-process", this::emulatorInProcess);
        checks.put("java-emulator-junit", this::emulatorJunit);
        checks.put("json-scenario", this::scenario);
    }

    @Test
    void everyCodeBlockHasACheckAndEveryCheckItsBlock() {
        Set<String> inGuide = new TreeSet<>(byId.keySet());
        Set<String> checked = new TreeSet<>(checks.keySet());
        assertEquals(checked, inGuide, "code blocks in docs/user-guide.md vs checks in this test");
        assertTrue(snippets.size() >= 20, "the guide has its snippets: " + snippets.size());
    }

    @TestFactory
    Collection<DynamicTest> snippetsCompileAndRun() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Snippet s : snippets) {
            Check c = checks.get(s.id());
            tests.add(DynamicTest.dynamicTest(s.id() + " (" + s.lang() + ", line " + s.line() + ")", () -> {
                assertNotNull(c, "no check for snippet " + s.id());
                c.run(s);
            }));
        }
        return tests;
    }

    // ---- configuration and build files ----

    private void dependency(Snippet s) throws Exception {
        assertEquals("xml", s.lang());
        Element d = xml(s.code()).getDocumentElement();
        assertEquals("dependency", d.getTagName());
        assertEquals("dev.geminilive", text(d, "groupId"));
        String artifact = text(d, "artifactId");
        Path module = ROOT.resolve(artifact);
        assertTrue(Files.exists(module.resolve("pom.xml")), "a module builds " + artifact);
        assertEquals(artifact, projectText(module.resolve("pom.xml"), "artifactId"));
        assertEquals(projectVersion(), text(d, "version"));
    }

    private void shellEmulator(Snippet s) throws Exception {
        assertEquals("sh", s.lang());
        List<String> lines = s.code().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), s.code());
        checkMaven(lines.get(0));
        String[] java = lines.get(1).split("\\s+");
        assertEquals("java", java[0]);
        assertEquals("-jar", java[1]);
        String emulatorPom = GuideSnippets.read(ROOT.resolve("gemini-live-emulator/pom.xml"));
        assertTrue(emulatorPom.contains("<shadedClassifierName>all</shadedClassifierName>"), "the emulator's pom builds the -all jar");
        assertEquals("gemini-live-emulator/target/gemini-live-emulator-" + projectVersion() + "-all.jar", java[2]);
        // every emulator flag the guide names is one EmulatorMain's --help lists
        String usage = GuideSnippets.read(ROOT.resolve("gemini-live-emulator/src/main/java/dev/geminilive/emulator/EmulatorMain.java"));
        Matcher flag = Pattern.compile("`[^`]*?(--[a-z][a-z-]+)").matcher(GuideSnippets.read(GUIDE) + s.code());
        int flags = 0;
        while (flag.find()) {
            assertTrue(usage.contains("\"  " + flag.group(1) + " ") || usage.contains("\"  " + flag.group(1) + "\""),
                    flag.group(1) + " is an option of EmulatorMain");
            flags++;
        }
        assertTrue(flags >= 5, "flags checked: " + flags);
        List<String> args = new ArrayList<>(List.of(java).subList(3, java.length));
        int port = args.indexOf("--port");
        assertEquals("8765", args.get(port + 1));
        args.set(port + 1, "0"); // 8765 may be taken on a shared machine
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GeminiLiveEmulator emulator = EmulatorMain.start(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Gemini Live emulator listening on ws://127.0.0.1:"), out.toString());
            // the first program, against this emulator started from the command line's arguments
            String source = byId.get("java-first-program").code().replace(GUIDE_URL, emulator.url());
            assertTrue(runMain(source, "FirstRoute").contains("You said: Hello, Gemini"));
            // the key given with --key is the only one accepted
            try (CamelContext camel = new DefaultCamelContext()) {
                camel.addRoutes(route(r -> r.from("direct:wrong").to("gemini-live:wrong?baseUrl=" + emulator.url() + "&apiKey=other")));
                camel.start();
                Exception e = assertThrows(CamelExecutionException.class,
                        () -> camel.createProducerTemplate().requestBody("direct:wrong", "hi", String.class));
                assertTrue(e.getCause().getMessage().contains("API key not valid"), e.getCause().getMessage());
            }
        }
    }

    private void checkMaven(String line) {
        String[] mvn = line.split("\\s+");
        assertEquals("mvn", mvn[0], line);
        for (int i = 0; i < mvn.length; i++) {
            if (mvn[i].equals("-pl")) {
                for (String m : mvn[i + 1].split(",")) {
                    assertTrue(Files.exists(ROOT.resolve(m).resolve("pom.xml")), "module " + m + " exists");
                    assertTrue(GuideSnippets.read(ROOT.resolve("pom.xml")).contains("<module>" + m + "</module>"), m + " is in the reactor");
                }
            } else if (mvn[i].startsWith("-") && !Set.of("-q", "-am", "-pl", "-DskipTests", "-o", "-B").contains(mvn[i])) {
                throw new AssertionError("unchecked mvn flag " + mvn[i]);
            }
        }
    }

    private void shellGoogleKey(Snippet s) throws Exception {
        assertEquals("sh", s.lang());
        assertEquals("export GEMINI_API_KEY=your-key", s.code().trim());
        JsonNode apiKey = componentJson().path("componentProperties").path("apiKey");
        assertTrue(apiKey.path("description").asText().contains("GEMINI_API_KEY"), "the component reads GEMINI_API_KEY");
        assertTrue(GuideSnippets.read(ROOT.resolve("camel-gemini-live/src/main/java/dev/geminilive/camel/SetupFactory.java"))
                .contains("System.getenv(\"GEMINI_API_KEY\")"), "the component reads GEMINI_API_KEY from the environment");
    }

    private void springYaml(Snippet s) throws Exception {
        assertEquals("yaml", s.lang());
        Map<String, String> flat = flatten(s.code());
        Properties camelKeys = new Properties();
        for (Map.Entry<String, String> e : flat.entrySet()) {
            if (e.getKey().startsWith("camel.")) {
                String v = e.getValue().replace("${GEMINI_API_KEY}", KEY);
                camelKeys.setProperty(e.getKey(), v);
            } else {
                // Spring's own keys: booted by camel-gemini-live-starter's UserGuideSpringBootTest
                assertTrue(e.getKey().startsWith("management."), "unchecked key " + e.getKey());
            }
        }
        checkComponentKeys(camelKeys);
        // Camel Main binds the same camel.* keys, and fails on a key it does not know
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start()) {
            camelKeys.replaceAll((k, v) -> String.valueOf(v).replace(GUIDE_URL, emulator.url()));
            withMain(camelKeys, camel -> {
                if (flat.containsKey("camel.component.gemini-live.turn-timeout")) {
                    GeminiLiveConfiguration c = camel.getComponent("gemini-live", GeminiLiveComponent.class).getConfiguration();
                    assertEquals(30_000L, c.getTurnTimeout());
                    assertEquals(120_000L, c.getSessionIdleTimeout());
                    assertEquals(20, c.getMaxConcurrentSessions());
                    assertEquals("Answer in one sentence.", c.getSystemInstruction());
                    camel.addRoutes(route(r -> r.from("direct:ask").to("gemini-live:boot")));
                    assertEquals("You said: Hello", camel.createProducerTemplate().requestBody("direct:ask", "Hello", String.class));
                } else {
                    org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(camel);
                    assertTrue(health.getRepository("producers").orElseThrow().isEnabled(), "producer health checks are on");
                    assertEquals("full", health.getExposureLevel());
                }
            });
        }
    }

    private void camelMainProperties(Snippet s) throws Exception {
        assertEquals("properties", s.lang());
        Properties p = new Properties();
        p.load(new java.io.StringReader(s.code()));
        checkComponentKeys(p);
        Path dir = Files.createTempDirectory(tmp, "main");
        Path functions = dir.resolve("functions.json");
        Files.writeString(functions, byId.get("json-functions").code());
        Files.writeString(dir.resolve("routes.camel.yaml"), withFunctions(byId.get("yaml-routes").code(), functions));
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start()) {
            Properties bound = new Properties();
            p.forEach((k, v) -> bound.setProperty((String) k, ((String) v).replace(GUIDE_URL, emulator.url())
                    .replace("file:routes.camel.yaml", "file:" + dir.resolve("routes.camel.yaml"))));
            assertEquals("file:routes.camel.yaml", p.getProperty("camel.main.routes-include-pattern"));
            withMain(bound, camel -> {
                GeminiLiveConfiguration c = camel.getComponent("gemini-live", GeminiLiveComponent.class).getConfiguration();
                assertEquals(30_000L, c.getTurnTimeout());
                assertEquals(20, c.getMaxConcurrentSessions());
                assertEquals(3, camel.getRoutes().size(), "the YAML routes were loaded");
                ProducerTemplate t = camel.createProducerTemplate();
                assertEquals("Nice to meet you, Ada.", ask(t, "direct:chat", "My name is Ada", "ada"));
                assertEquals("Your name is Ada.", ask(t, "direct:chat", "What is my name?", "ada"));
            });
        }
    }

    private void checkComponentKeys(Properties p) throws Exception {
        JsonNode options = componentJson().path("componentProperties");
        for (String key : p.stringPropertyNames()) {
            String prefix = "camel.component.gemini-live.";
            if (key.startsWith(prefix)) {
                String option = camel(key.substring(prefix.length()));
                assertTrue(options.has(option), key + " is not an option of the component (" + option + ")");
            }
        }
    }

    private void karaf(Snippet s) throws Exception {
        assertEquals("karaf", s.lang());
        Document features = xml(GuideSnippets.read(ROOT.resolve("karaf/src/main/feature/features.xml")));
        Set<String> names = new TreeSet<>();
        NodeList list = features.getElementsByTagName("feature");
        for (int i = 0; i < list.getLength(); i++) {
            String name = ((Element) list.item(i)).getAttribute("name");
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        String karafPom = GuideSnippets.read(ROOT.resolve("karaf/pom.xml"));
        for (String line : s.code().lines().filter(l -> !l.isBlank()).toList()) {
            String[] w = line.trim().split("\\s+");
            switch (w[0]) {
                case "feature:repo-add" -> {
                    assertEquals("mvn:dev.geminilive/" + projectText(ROOT.resolve("karaf/pom.xml"), "artifactId") + "/" + projectVersion()
                                 + "/xml/features", w[1]);
                    assertTrue(karafPom.contains("<type>xml</type>") && karafPom.contains("<classifier>features</classifier>"),
                            "the karaf module attaches the features as xml/features");
                }
                case "feature:install" -> assertTrue(names.contains(w[1]), w[1] + " is a feature of features.xml: " + names);
                default -> throw new AssertionError("unchecked Karaf command: " + line);
            }
        }
    }

    private void functionsJson(Snippet s) throws Exception {
        assertEquals("json", s.lang());
        JsonNode f = new ObjectMapper().readTree(s.code());
        assertEquals("get_weather", f.get(0).path("name").asText());
        Path file = Files.createTempFile(tmp, "functions", ".json");
        Files.writeString(file, s.code());
        // the component parses the declarations when the endpoint starts
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(route(r -> r.from("direct:f").to("gemini-live:f?functions=resource:file:" + file)));
            camel.start();
            assertTrue(camel.getRouteController().getRouteStatus(camel.getRoutes().get(0).getRouteId()).isStarted());
        }
    }

    // ---- Java: getting started ----

    private void firstProgram(Snippet s) throws Exception {
        assertEquals("java", s.lang());
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start()) {
            String out = runMain(s.code().replace(GUIDE_URL, emulator.url()), "FirstRoute");
            assertEquals("You said: Hello, Gemini", out.trim());
        }
    }

    private void routeGoogle(Snippet s) throws Exception {
        assertTrue(!s.code().contains("baseUrl") && !s.code().contains("apiKey"), "the Google route holds no address and no key");
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(routeSnippet(s));
            camel.start();
            assertEquals("You said: Hello", camel.createProducerTemplate().requestBody("direct:ask", "Hello", String.class));
            assertEquals("models/gemini-3.8-live", emulator.lastSession().orElseThrow().setup().orElseThrow().model(),
                    "the default model");
        }
    }

    private void componentDefaults(Snippet s) throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = new DefaultCamelContext()) {
            runStatements(s, emulator, camel, null, o -> {
            });
            camel.addRoutes(route(r -> r.from("direct:x").to("gemini-live:x")));
            camel.start();
            assertEquals("You said: defaults", camel.createProducerTemplate().requestBody("direct:x", "defaults", String.class));
            assertEquals("ws://127.0.0.1:8765", GUIDE_URL);
        }
    }

    // ---- Java DSL ----

    private void routeConversation(Snippet s) throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(routeSnippet(s));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            List<String> names = List.of("Ada", "Bob", "Cleo", "Dan", "Eve");
            List<Future<Object>> intro = new ArrayList<>();
            for (String n : names) {
                intro.add(t.asyncRequestBodyAndHeader("direct:chat", "My name is " + n, GeminiLiveConstants.CONVERSATION_ID, n));
            }
            for (int i = 0; i < names.size(); i++) {
                assertEquals("Nice to meet you, " + names.get(i) + ".", intro.get(i).get());
            }
            for (String n : names) {
                assertEquals("Your name is " + n + ".", ask(t, "direct:chat", "What is my name?", n));
            }
            assertEquals("Answer in one sentence.", emulator.sessions().get(0).setup().orElseThrow().systemInstruction().text());
        }
    }

    private void sendConversation(Snippet s) throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(routeSnippet(byId.get("route-conversation")));
            camel.start();
            List<Object> seen = new CopyOnWriteArrayList<>();
            runStatements(s, emulator, camel, "String answer =", seen::add);
            assertEquals(List.of("Your name is Ada."), seen);
            assertEquals("Your name is Bob.", ask(camel.createProducerTemplate(), "direct:chat", "What is my name?", "bob"));
        }
    }

    private void audioFile(Snippet s) throws Exception {
        Path dir = Files.createTempDirectory(tmp, "audio");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path outbox = dir.resolve("outbox");
        String code = s.code().replace("file:inbox", "file:" + inbox).replace("file:outbox", "file:" + outbox);
        assertTrue(!code.equals(s.code()));
        Map<String, String> transcripts = new ConcurrentHashMap<>();
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.getManagementStrategy().addEventNotifier(completed(e -> {
                if (e.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION) != null) {
                    transcripts.put(e.getMessage().getHeader(Exchange.FILE_NAME_CONSUMED, String.class),
                            e.getMessage().getHeader(GeminiLiveConstants.OUTPUT_TRANSCRIPTION, String.class));
                }
            }));
            camel.addRoutes(compileRoute(s.id(), code));
            camel.start();
            Map<String, Double> seconds = Map.of("short.wav", 0.8, "long.wav", 2.0);
            for (Map.Entry<String, Double> f : seconds.entrySet()) {
                Path part = dir.resolve(f.getKey() + ".part");
                Files.write(part, wav(f.getValue()));
                Files.move(part, inbox.resolve(f.getKey()), StandardCopyOption.ATOMIC_MOVE);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (transcripts.size() < 2 || !Files.exists(outbox.resolve("long-answer.wav")) || !Files.exists(outbox.resolve("short-answer.wav"))) {
                assertTrue(System.nanoTime() < deadline, "answers in outbox: " + transcripts);
                Thread.sleep(50);
            }
            Pattern heard = Pattern.compile("I heard ([0-9.]+) seconds of audio\\.");
            for (Map.Entry<String, Double> f : seconds.entrySet()) {
                Matcher m = heard.matcher(transcripts.get(f.getKey()));
                assertTrue(m.matches(), f.getKey() + ": " + transcripts.get(f.getKey()));
                assertEquals(f.getValue(), Double.parseDouble(m.group(1)), 0.25, f.getKey() + " got the answer to its own audio");
                byte[] answer = Files.readAllBytes(outbox.resolve(f.getKey().replace(".wav", "-answer.wav")));
                assertEquals("RIFF", new String(answer, 0, 4, StandardCharsets.US_ASCII));
                long pcm = answer.length - 44;
                assertEquals(transcripts.get(f.getKey()).length() * 2400L, pcm, 4800,
                        "the emulator speaks 50 ms (2400 bytes at 24 kHz) per character of its answer");
            }
        }
    }

    private void tools(Snippet s) throws Exception {
        Path functions = Files.createTempFile(tmp, "functions", ".json");
        Files.writeString(functions, byId.get("json-functions").code());
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(compileRoute(s.id(), withFunctions(s.code(), functions)));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            Future<Object> paris = t.asyncRequestBodyAndHeader("direct:assistant", "get_weather city=Paris", GeminiLiveConstants.CONVERSATION_ID, "p");
            Future<Object> oslo = t.asyncRequestBodyAndHeader("direct:assistant", "get_weather city=Oslo", GeminiLiveConstants.CONVERSATION_ID, "o");
            assertWeather("Paris", (String) paris.get());
            assertWeather("Oslo", (String) oslo.get());
        }
    }

    private static void assertWeather(String city, String answer) {
        assertTrue(answer.startsWith("The get_weather tool returned {\"output\":{") && answer.contains("\"city\":\"" + city + "\"")
                   && answer.contains("\"tempC\":21"), answer);
    }

    private void consumerEvents(Snippet s) throws Exception {
        List<Exchange> events = new CopyOnWriteArrayList<>();
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.getManagementStrategy().addEventNotifier(completed(e -> {
                if (e.getFromEndpoint() != null && e.getFromEndpoint().getEndpointUri().startsWith("gemini-live")) {
                    events.add(e);
                }
            }));
            camel.addRoutes(routeSnippet(byId.get("route-conversation")));
            camel.addRoutes(routeSnippet(s));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            ask(t, "direct:chat", "My name is Ada", "ada");
            ask(t, "direct:chat", "My name is Bob", "bob");
            await(() -> events.stream().filter(e -> "turnComplete".equals(type(e))).count() == 2, "two turnComplete events");
            for (String n : List.of("Ada", "Bob")) {
                StringBuilder said = new StringBuilder();
                for (Exchange e : events) {
                    if (n.toLowerCase().equals(e.getMessage().getHeader(GeminiLiveConstants.CONVERSATION_ID))) {
                        assertTrue(Set.of("outputTranscription", "turnComplete").contains(type(e)), type(e));
                        if ("outputTranscription".equals(type(e))) {
                            said.append(e.getMessage().getBody(String.class));
                        }
                    }
                }
                assertEquals("Nice to meet you, " + n + ".", said.toString(), "the transcription events of conversation " + n);
            }
        }
    }

    private void bargeIn(Snippet s) throws Exception {
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).chunkDelay(Duration.ofMillis(40)).start();
             CamelContext camel = camel(emulator)) {
            camel.addRoutes(routeSnippet(s));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            String story = "Tell me a long story about the sea, the sky, the stars and the lighthouse keeper";
            Future<Exchange> first = t.asyncSend("direct:talk", e -> e.getMessage().setBody(story));
            EmulatorSession session = emulator.awaitSession(1, Duration.ofSeconds(10));
            session.frames().await(f -> f.isOut() && f.json().contains("outputTranscription"), Duration.ofSeconds(10));
            assertEquals("You said: Stop", t.requestBody("direct:talk", "Stop", String.class));
            Exchange cut = first.get();
            assertEquals(Boolean.TRUE, cut.getMessage().getHeader(GeminiLiveConstants.INTERRUPTED));
            String partial = cut.getMessage().getBody(String.class);
            String full = "You said: " + story;
            assertTrue(!partial.isEmpty() && partial.length() < full.length() && full.startsWith(partial),
                    "the partial answer is the start of its own answer: " + partial);
        }
    }

    // ---- YAML DSL ----

    private void yamlRoutes(Snippet s) throws Exception {
        assertEquals("yaml", s.lang());
        Path functions = Files.createTempFile(tmp, "functions", ".json");
        Files.writeString(functions, byId.get("json-functions").code());
        List<Exchange> turns = new CopyOnWriteArrayList<>();
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.getManagementStrategy().addEventNotifier(completed(e -> {
                if ("events".equals(e.getFromRouteId())) {
                    turns.add(e);
                }
            }));
            camel.start();
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("routes.camel.yaml", withFunctions(s.code(), functions)));
            ProducerTemplate t = camel.createProducerTemplate();
            assertEquals("Nice to meet you, Ada.", ask(t, "direct:chat", "My name is Ada", "ada"));
            assertEquals("You said: Hello", ask(t, "direct:chat", "Hello", "bob"));
            assertEquals("Your name is Ada.", ask(t, "direct:chat", "What is my name?", "ada"));
            String weather = ask(t, "direct:chat", "get_weather city=Paris", "w");
            assertEquals("The get_weather tool returned {\"output\":{\"city\":\"Paris\",\"tempC\":21}}.", weather,
                    "the JSON reply reached the model as an object");
            await(() -> turns.size() >= 4, "turnComplete events in the events route");
            assertTrue(turns.stream().allMatch(e -> e.getMessage().getHeader(GeminiLiveConstants.TOTAL_TOKENS) != null));
        }
    }

    // ---- JMS ----

    private void jms(Snippet s) throws Exception {
        Pattern from = Pattern.compile("from\\(\"(jms:queue:[^\"]+)\"\\)");
        Matcher m = from.matcher(s.code());
        assertTrue(m.find(), s.code());
        assertTrue(m.group(1).contains("transacted=true"), "the guide's consumer is transacted");
        Path store = Files.createTempDirectory(tmp, "conversations");
        String code = s.code().replace(m.group(1), "direct:questions").replace("target/conversations", store.toString());
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).start(); CamelContext camel = camel(emulator)) {
            camel.addRoutes(compileRoute(s.id(), code));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            t.requestBodyAndHeader("direct:questions", "My name is Ada", "GeminiLiveConversationId", "ada");
            t.requestBodyAndHeader("direct:questions", "My name is Bob", "GeminiLiveConversationId", "bob");
            Exchange reply = t.request("direct:questions", e -> {
                e.getMessage().setBody("What is my name?");
                e.getMessage().setHeader("GeminiLiveConversationId", "ada");
            });
            assertEquals("Your name is Ada.", reply.getMessage().getBody(String.class));
            assertEquals("Your name is Ada.", reply.getMessage().getHeader("GeminiLiveOutputTranscription"));
            assertEquals("ada", reply.getMessage().getHeader("GeminiLiveConversationId"));
            assertNotNull(reply.getMessage().getHeader("GeminiLiveTotalTokens"));
            try (var files = Files.walk(store)) {
                assertTrue(files.anyMatch(p -> p.toString().endsWith(".json")), "conversationStoreDirectory keeps the conversations");
            }
        }
    }

    // ---- the emulator ----

    private void emulatorInProcess(Snippet s) throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        runStatements(s, null, null, "String answer =", seen::add);
        assertEquals(List.of("Nice to meet you, Ada."), seen);
    }

    private void emulatorJunit(Snippet s) throws Exception {
        Matcher m = Pattern.compile("class (\\w+)").matcher(s.code());
        assertTrue(m.find());
        String name = m.group(1);
        Class<?> test = GuideSnippets.compile(name, GuideSnippets.IMPORTS + s.code()).loadClass(name);
        GeminiLiveEmulatorExtension extension = null;
        for (Field f : test.getDeclaredFields()) {
            if (f.getType() == GeminiLiveEmulatorExtension.class && Modifier.isStatic(f.getModifiers())
                && f.isAnnotationPresent(org.junit.jupiter.api.extension.RegisterExtension.class)) {
                f.setAccessible(true);
                extension = (GeminiLiveEmulatorExtension) f.get(null);
            }
        }
        assertNotNull(extension, "a static @RegisterExtension field");
        extension.beforeAll(null);
        int ran = 0;
        try {
            var ctor = test.getDeclaredConstructor();
            ctor.setAccessible(true);
            Object instance = ctor.newInstance();
            for (Method method : test.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    method.setAccessible(true);
                    try {
                        method.invoke(instance);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw new AssertionError("the guide's test " + method.getName() + " fails", e.getCause());
                    }
                    ran++;
                }
            }
        } finally {
            extension.afterAll(null);
        }
        assertEquals(1, ran);
    }

    private void scenario(Snippet s) throws Exception {
        assertEquals("json", s.lang());
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY).scenario(Scenario.parse(s.code())).start();
             CamelContext camel = camel(emulator)) {
            camel.addRoutes(route(r -> r.from("direct:ask").to("gemini-live:scenario")));
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            assertEquals("It is sunny in Paris.", t.requestBody("direct:ask", "How is the weather?", String.class));
            CamelExecutionException e = assertThrows(CamelExecutionException.class, () -> t.requestBody("direct:ask", "overload", String.class));
            LiveClientException closed = assertInstanceOf(LiveClientException.class, e.getCause());
            assertEquals(1013, closed.close().code(), "the troubleshooting table: 1013 ends the session, the exchange fails");
            assertEquals("You said: hello again", t.requestBody("direct:ask", "hello again", String.class),
                    "the next input starts again");
        }
    }

    // ---- troubleshooting ----

    @Test
    void troubleshootingMessagesAreTheComponentsOwn() throws Exception {
        String guide = GuideSnippets.read(GUIDE);
        String section = guide.substring(guide.indexOf("### By error message"));
        Map<String, String> messages = new LinkedHashMap<>();
        for (String line : section.lines().toList()) {
            Matcher m = Pattern.compile("^\\| `([^`]+)` \\|").matcher(line);
            if (m.find()) {
                messages.put(m.group(1), null);
            }
        }
        assertTrue(messages.size() >= 10, messages.keySet().toString());
        try (GeminiLiveEmulator emulator = GeminiLiveEmulator.builder().apiKey(KEY)
                .scenario(Scenario.parse("""
                        {"rules": [{"on": {"textContains": "slowly"}, "do": [{"delay": 1500}, {"reply": "done"}]},
                                   {"on": {"textContains": "never"}, "do": [{"silence": true}]}]}""")).start();
             CamelContext camel = camel(emulator)) {
            camel.start();
            ProducerTemplate t = camel.createProducerTemplate();
            for (String message : messages.keySet()) {
                String actual = reproduce(message, camel, t, emulator);
                for (String fragment : message.split("\\.\\.\\.")) {
                    assertTrue(actual.contains(fragment.trim()), "guide: " + message + "\nactual: " + actual);
                }
            }
        }
    }

    private String reproduce(String message, CamelContext camel, ProducerTemplate t, GeminiLiveEmulator emulator) throws Exception {
        String u = "&baseUrl=" + emulator.url() + "&apiKey=" + KEY;
        if (message.startsWith("No Gemini API key")) {
            assumeTrue(System.getenv("GEMINI_API_KEY") == null && System.getenv("GOOGLE_API_KEY") == null);
            try (CamelContext bare = new DefaultCamelContext()) {
                bare.addRoutes(route(r -> r.from("direct:k").to("gemini-live:k?baseUrl=" + emulator.url())));
                return chain(assertThrows(Exception.class, bare::start));
            }
        }
        if (message.startsWith("replyFormat")) {
            return chain(assertThrows(Exception.class, () -> camel.getEndpoint("gemini-live:r?replyFormat=mp3")));
        }
        if (message.startsWith("gemini-3.8-live")) {
            try (CamelContext c = camel(emulator)) {
                c.addRoutes(route(r -> r.from("direct:m").to("gemini-live:m?responseModalities=TEXT")));
                return chain(assertThrows(Exception.class, c::start));
            }
        }
        if (message.startsWith("API key not valid")) {
            return failure(t, "gemini-live:w?baseUrl=" + emulator.url() + "&apiKey=wrong", "hi", Map.of());
        }
        if (message.startsWith("RESOURCE_EXHAUSTED")) {
            // an emulator that allows one session per key; a second conversation, tried once
            try (GeminiLiveEmulator one = GeminiLiveEmulator.builder().apiKey(KEY).maxSessionsPerKey(1).start()) {
                String q = "gemini-live:q?reconnectMaxAttempts=1&baseUrl=" + one.url() + "&apiKey=" + KEY;
                assertEquals("You said: hi", t.requestBodyAndHeader(q, "hi", GeminiLiveConstants.CONVERSATION_ID, "one", String.class));
                String actual = failure(t, q, "hi", Map.of(GeminiLiveConstants.CONVERSATION_ID, "two"));
                assertTrue(actual.contains("1011"), actual);
                return actual;
            }
        }
        if (message.startsWith("No free Gemini Live session")) {
            String uri = "gemini-live:busy?maxConcurrentSessions=1&sessionAcquireTimeout=200" + u;
            Future<Object> slow = t.asyncRequestBodyAndHeader(uri, "answer slowly", GeminiLiveConstants.CONVERSATION_ID, "a");
            Thread.sleep(300);
            String actual = failure(t, uri, "hi", Map.of(GeminiLiveConstants.CONVERSATION_ID, "b"));
            assertEquals("done", slow.get());
            return actual;
        }
        if (message.startsWith("No answer from Gemini Live")) {
            return failure(t, "gemini-live:late?turnTimeout=300" + u, "never answer", Map.of());
        }
        if (message.startsWith("The text body is empty")) {
            return failure(t, "gemini-live:empty?" + u.substring(1), "", Map.of());
        }
        if (message.startsWith("The audio is silent")) {
            return failure(t, "gemini-live:silent?" + u.substring(1), new byte[32000], Map.of());
        }
        if (message.startsWith("Cannot send a body of type")) {
            return failure(t, "gemini-live:object?" + u.substring(1), new Object(), Map.of());
        }
        if (message.equals("GeminiLiveInterruptedException")) {
            return Class.forName("dev.geminilive.camel.GeminiLiveInterruptedException").getSimpleName();
        }
        throw new AssertionError("no reproduction of the troubleshooting message: " + message);
    }

    private static String failure(ProducerTemplate t, String uri, Object body, Map<String, Object> headers) {
        Exception e = assertThrows(Exception.class, () -> t.requestBodyAndHeaders(uri, body, headers, String.class));
        return chain(e);
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable x = e; x != null; x = x.getCause()) {
            sb.append(x.getClass().getSimpleName()).append(": ").append(x.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    @Test
    void closeCodeTableMatchesTheClientsClassification() {
        String guide = GuideSnippets.read(GUIDE);
        String section = guide.substring(guide.indexOf("### By close code"), guide.indexOf("### By error message"));
        Set<Integer> codes = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d{4}) \\|").matcher(section);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(Set.of(1000, 1001, 1006, 1007, 1008, 1011, 1013), codes);
        for (int code : codes) {
            boolean fatal = new dev.geminilive.client.CloseInfo(code, "", true).isFatal();
            assertEquals(code == 1007 || code == 1008, fatal, "close " + code + ": 'No retry' in the guide iff fatal");
        }
    }

    // ---- helpers ----

    /** A CamelContext (not started) whose component defaults to the emulator, set by the guide's own snippet. */
    private CamelContext camel(GeminiLiveEmulator emulator) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        runStatements(byId.get("java-component-defaults"), emulator, camel, null, o -> {
        });
        return camel;
    }

    private static String ask(ProducerTemplate t, String uri, String text, String conversation) {
        return t.requestBodyAndHeader(uri, text, GeminiLiveConstants.CONVERSATION_ID, conversation, String.class);
    }

    private static String type(Exchange e) {
        return e.getMessage().getHeader(GeminiLiveConstants.EVENT_TYPE, String.class);
    }

    private static String withFunctions(String code, Path functions) {
        String replaced = code.replace("resource:classpath:functions.json", "resource:file:" + functions);
        assertTrue(!replaced.equals(code), "the snippet names resource:classpath:functions.json");
        return replaced;
    }

    private RoutesBuilder routeSnippet(Snippet s) throws Exception {
        assertEquals("java", s.lang());
        return compileRoute(s.id(), s.code());
    }

    private static RoutesBuilder compileRoute(String id, String code) throws Exception {
        String name = "Snippet_" + id.replace('-', '_');
        String source = "package snippets;\n" + GuideSnippets.IMPORTS + "public class " + name + " extends RouteBuilder {\n"
                        + "  @Override public void configure() throws Exception {\n" + code + "\n  }\n}\n";
        return (RoutesBuilder) GuideSnippets.compile("snippets." + name, source).loadClass("snippets." + name)
                .getDeclaredConstructor().newInstance();
    }

    /**
     * Runs a statement snippet with {@code context} and {@code template} in scope; after the line that starts with
     * {@code probeAfter}, the variable it declares is handed to {@code probe}.
     */
    private static void runStatements(Snippet s, GeminiLiveEmulator emulator, CamelContext context, String probeAfter,
            Consumer<Object> probe) throws Exception {
        assertEquals("java", s.lang());
        String code = emulator == null ? s.code() : s.code().replace(GUIDE_URL, emulator.url());
        if (probeAfter != null) {
            StringBuilder sb = new StringBuilder();
            boolean inStatement = false;
            boolean probed = false;
            String var = probeAfter.substring(probeAfter.indexOf(' ') + 1, probeAfter.indexOf('=')).trim();
            for (String line : code.lines().toList()) {
                sb.append(line).append('\n');
                if (line.trim().startsWith(probeAfter)) {
                    inStatement = true;
                }
                if (inStatement && line.trim().endsWith(";")) {
                    sb.append("probe.accept(").append(var).append(");\n");
                    inStatement = false;
                    probed = true;
                }
            }
            assertTrue(probed, "the snippet has a line starting with " + probeAfter);
            code = sb.toString();
        }
        String name = "Snippet_" + s.id().replace('-', '_');
        String source = "package snippets;\n" + GuideSnippets.IMPORTS + "public class " + name + " {\n"
                        + "  public static void run(CamelContext context, ProducerTemplate template, java.util.function.Consumer<Object> probe)"
                        + " throws Exception {\n" + code + "\n  }\n}\n";
        Method run = GuideSnippets.compile("snippets." + name, source).loadClass("snippets." + name)
                .getMethod("run", CamelContext.class, ProducerTemplate.class, Consumer.class);
        ProducerTemplate template = null;
        if (context != null) {
            template = context.createProducerTemplate();
        }
        try {
            run.invoke(null, context, template, probe);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new AssertionError("snippet " + s.id() + " failed", e.getCause());
        }
    }

    private static String runMain(String source, String className) throws Exception {
        Class<?> main = GuideSnippets.compile(className, source).loadClass(className);
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static RoutesBuilder route(ThrowingRoute body) {
        return new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                body.configure(this);
            }
        };
    }

    interface ThrowingRoute {
        void configure(RouteBuilder r) throws Exception;
    }

    interface CamelCheck {
        void check(CamelContext camel) throws Exception;
    }

    private static void withMain(Properties properties, CamelCheck check) throws Exception {
        Main main = new Main();
        properties.forEach((k, v) -> main.addInitialProperty((String) k, (String) v));
        main.start();
        try {
            check.check(main.getCamelContext());
        } finally {
            main.stop();
        }
    }

    private static EventNotifierSupport completed(Consumer<Exchange> onCompleted) {
        return new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.ExchangeCompletedEvent c) {
                    onCompleted.accept(c.getExchange());
                }
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.ExchangeCompletedEvent;
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    /** A mono 16 kHz 16-bit WAV of a loud 440 Hz tone: speech to the emulator's activity detection. */
    private static byte[] wav(double seconds) {
        int samples = (int) (16000 * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0)));
        }
        return b.array();
    }

    private static Map<String, String> flatten(String yaml) {
        Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, String.valueOf(node));
        }
    }

    private static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static JsonNode componentJson() throws Exception {
        try (var in = UserGuideSnippetsTest.class.getResourceAsStream("/META-INF/dev/geminilive/camel/gemini-live.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String tag) {
        NodeList l = parent.getElementsByTagName(tag);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    /** @return a top-level element of a pom (not the parent's) */
    private static String projectText(Path pom, String tag) throws Exception {
        Element project = xml(GuideSnippets.read(pom)).getDocumentElement();
        for (org.w3c.dom.Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    private static String projectVersion() throws Exception {
        return projectText(ROOT.resolve("pom.xml"), "version");
    }
}
