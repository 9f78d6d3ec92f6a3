package dev.geminilive.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages of this module ({@code dev.geminilive.protocol}, {@code dev.geminilive.client}, {@code dev.geminilive.audio})
 * must not depend on Camel, so that the client and the emulator can use them without it. Three independent checks: the
 * sources, the test classpath, and the compiled constant pools; each check is itself tested on a synthetic violation.
 */
class NoCamelDependencyTest {

    private static final String CAMEL = "org.apache.camel";
    private static final String CAMEL_INTERNAL = "org/apache/camel";
    private static final List<String> PACKAGES = List.of("dev.geminilive.protocol", "dev.geminilive.client", "dev.geminilive.audio", "dev.geminilive.models");

    // ---- the checks

    @Test
    void noMainSourceFileMentionsOrgApacheCamel() {
        Path src = moduleDir().resolve("src/main/java");
        List<Path> sources = javaFiles(src, ".java");
        assertTrue(sources.contains(src.resolve("dev/geminilive/protocol/LiveCodec.java")), "scanning the wrong tree: " + src);
        assertEquals(List.of(), sourcesMentioningCamel(src, sources), "main sources that mention " + CAMEL);
    }

    @Test
    void camelIsNotLoadableFromTheTestClasspath() {
        for (String name : List.of("org.apache.camel.CamelContext", "org.apache.camel.Exchange", "org.apache.camel.support.DefaultComponent")) {
            assertFalse(isLoadable(name), name + " is on the test classpath: gemini-live-client must not depend on Camel");
        }
    }

    @Test
    void noCompiledMainClassReferencesCamelInItsConstantPool() throws IOException {
        Path classes = moduleDir().resolve("target/classes");
        List<Path> classFiles = javaFiles(classes, ".class");
        assertTrue(classFiles.contains(classes.resolve("dev/geminilive/protocol/LiveCodec.class")), "scanning the wrong tree: " + classes);
        List<String> offenders = new ArrayList<>();
        for (Path f : classFiles) {
            for (String constant : camelConstants(Files.readAllBytes(f))) {
                offenders.add(classes.relativize(f) + ": " + constant);
            }
        }
        assertEquals(List.of(), offenders, "compiled classes that reference " + CAMEL_INTERNAL);
    }

    @Test
    void everyScannedClassBelongsToOneOfTheCheckedPackages() {
        Path classes = moduleDir().resolve("target/classes");
        for (Path f : javaFiles(classes, ".class")) {
            String pkg = classes.relativize(f.getParent()).toString().replace('/', '.').replace('\\', '.');
            assertTrue(PACKAGES.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + ".")),
                    f + " is outside " + PACKAGES + ": extend this test to cover its package");
        }
    }

    // ---- the checks catch what they are meant to catch

    @Test
    void sourceScanNamesAFileThatImportsCamel(@TempDir Path dir) throws IOException {
        Path clean = write(dir, "dev/geminilive/client/Clean.java", "package dev.geminilive.client;\nclass Clean {}\n");
        Path dirty = write(dir, "dev/geminilive/audio/Dirty.java",
                "package dev.geminilive.audio;\n\nimport org.apache.camel.CamelContext;\n\nclass Dirty {}\n");
        Path qualified = write(dir, "dev/geminilive/protocol/Qualified.java",
                "package dev.geminilive.protocol;\nclass Qualified { org.apache.camel.Exchange e; }\n");
        List<String> found = sourcesMentioningCamel(dir, List.of(clean, dirty, qualified));
        assertEquals(List.of("dev/geminilive/audio/Dirty.java:3: import org.apache.camel.CamelContext;",
                "dev/geminilive/protocol/Qualified.java:2: class Qualified { org.apache.camel.Exchange e; }"),
                found.stream().map(s -> s.replace('\\', '/')).toList());
    }

    @Test
    void loadabilityCheckSeesClassesThatAreOnTheClasspath() {
        assertTrue(isLoadable("dev.geminilive.protocol.LiveCodec"));
        assertTrue(isLoadable("com.fasterxml.jackson.databind.ObjectMapper"));
        assertFalse(isLoadable("org.apache.camel.NoSuchClassEver"));
    }

    @Test
    void constantPoolScanFindsCamelInAHandBuiltClassFile() {
        byte[] clean = syntheticClass("com/example/Clean", "java/lang/Object", "org.apache.camel (in a string constant only)");
        assertEquals(List.of(), camelConstants(clean));
        byte[] dirty = syntheticClass("com/example/Dirty", "Lorg/apache/camel/CamelContext;", "org/apache/camel/Exchange");
        assertEquals(List.of("Lorg/apache/camel/CamelContext;", "org/apache/camel/Exchange"), camelConstants(dirty));
    }

    @Test
    void constantPoolScanFindsCamelInAClassCompiledAgainstCamel(@TempDir Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests must run on a JDK");
        Path stub = write(dir, "src/org/apache/camel/CamelContext.java", "package org.apache.camel;\npublic interface CamelContext {}\n");
        Path user = write(dir, "src/dev/geminilive/client/UsesCamel.java", """
                package dev.geminilive.client;
                import org.apache.camel.CamelContext;
                class UsesCamel {
                    Object context(CamelContext c) { return c; }
                }
                """);
        Path out = Files.createDirectories(dir.resolve("classes"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, "-d", out.toString(), stub.toString(), user.toString());
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));

        List<String> found = camelConstants(Files.readAllBytes(out.resolve("dev/geminilive/client/UsesCamel.class")));
        assertTrue(found.stream().anyMatch(c -> c.contains("Lorg/apache/camel/CamelContext;")), found.toString());
        assertEquals(List.of("dev/geminilive/client/UsesCamel.java:2: import org.apache.camel.CamelContext;"),
                sourcesMentioningCamel(dir.resolve("src"), List.of(user)).stream().map(s -> s.replace('\\', '/')).toList());
    }

    @Test
    void constantPoolScanReadsRealClassFiles() throws IOException {
        byte[] codec = Files.readAllBytes(moduleDir().resolve("target/classes/dev/geminilive/protocol/LiveCodec.class"));
        List<String> utf8 = utf8Constants(codec);
        assertTrue(utf8.contains("com/fasterxml/jackson/databind/ObjectMapper"), utf8.toString());
        assertTrue(utf8.contains("gemini-live"), "string constants are read too: " + utf8);
        assertThrows(IllegalArgumentException.class, () -> utf8Constants("not a class".getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- helpers

    /** The module directory: surefire runs tests in it; an IDE may run them from the repository root. */
    private static Path moduleDir() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path candidate : List.of(cwd, cwd.resolve("gemini-live-client"))) {
            if (Files.isDirectory(candidate.resolve("src/main/java/dev/geminilive/protocol"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("gemini-live-client module not found from " + cwd);
    }

    private static List<Path> javaFiles(Path root, String suffix) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code relative/path.java:line: text} for every line that mentions {@code org.apache.camel} */
    static List<String> sourcesMentioningCamel(Path root, List<Path> sources) {
        List<String> hits = new ArrayList<>();
        for (Path f : sources) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(CAMEL)) {
                    hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        return hits;
    }

    static boolean isLoadable(String className) {
        try {
            Class.forName(className, false, NoCamelDependencyTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return the constant-pool strings of a class file that contain {@code org/apache/camel} */
    static List<String> camelConstants(byte[] classFile) {
        return utf8Constants(classFile).stream().filter(s -> s.contains(CAMEL_INTERNAL)).toList();
    }

    /** Reads the CONSTANT_Utf8 entries of a class file (JVMS 4.4); class, descriptor and string constants all point at them. */
    static List<String> utf8Constants(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor
            in.readUnsignedShort(); // major
            int count = in.readUnsignedShort();
            List<String> out = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> out.add(in.readUTF()); // Utf8: u2 length + modified UTF-8, exactly what readUTF reads
                    case 3, 4 -> in.skipNBytes(4); // Integer, Float
                    case 5, 6 -> { // Long, Double take two slots
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                    case 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // refs, NameAndType, Dynamic, InvokeDynamic
                    case 15 -> in.skipNBytes(3); // MethodHandle
                    default -> throw new IllegalArgumentException("unknown constant-pool tag " + tag + " at entry " + i);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated class file", e);
        }
    }

    /** A minimal valid class file whose constant pool holds the given strings, with a Long constant in between. */
    private static byte[] syntheticClass(String internalName, String... strings) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(61);
            out.writeShort(1 + 4 + 2 + strings.length); // #1 name, #2 class, #3 Object, #4 class, #5-6 long, then strings
            out.writeByte(1);
            out.writeUTF(internalName);
            out.writeByte(7);
            out.writeShort(1);
            out.writeByte(1);
            out.writeUTF("java/lang/Object");
            out.writeByte(7);
            out.writeShort(3);
            out.writeByte(5);
            out.write(ByteBuffer.allocate(8).putLong(0x0101_0101_0101_0101L).array()); // a long whose bytes look like tags
            for (String s : strings) {
                out.writeByte(1);
                out.writeUTF(s);
            }
            out.writeShort(0x0021); // public super
            out.writeShort(2); // this
            out.writeShort(4); // super
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(0); // methods
            out.writeShort(0); // attributes
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Path write(Path root, String relative, String text) throws IOException {
        Path f = root.resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, text, StandardCharsets.UTF_8);
    }
}
