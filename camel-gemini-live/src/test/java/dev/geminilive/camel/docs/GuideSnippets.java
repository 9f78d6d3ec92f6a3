package dev.geminilive.camel.docs;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The fenced code blocks of a Markdown page, each named by the {@code <!-- snippet: id -->} comment before it; and a compiler for the Java ones. */
final class GuideSnippets {

    /** A fenced block: its id, language tag, text and line (1-based) in the page. */
    record Snippet(String id, String lang, String code, int line) {
    }

    /** The imports every Java snippet that is not a complete compilation unit gets (the guide says so). */
    static final String IMPORTS = """
            import java.util.*;
            import java.time.*;
            import org.apache.camel.*;
            import org.apache.camel.builder.RouteBuilder;
            import org.apache.camel.impl.DefaultCamelContext;
            import dev.geminilive.camel.*;
            import dev.geminilive.emulator.*;
            import org.junit.jupiter.api.*;
            import org.junit.jupiter.api.extension.RegisterExtension;
            import static org.junit.jupiter.api.Assertions.*;
            """;

    private static final Pattern ID = Pattern.compile("^<!-- snippet: ([a-z0-9-]+) -->$");

    private GuideSnippets() {
    }

    /** @return every fenced block of the page, in order; a block without a snippet comment right before it fails */
    static List<Snippet> parse(String markdown) {
        List<Snippet> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String pendingId = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = ID.matcher(line.trim());
            if (m.matches()) {
                pendingId = m.group(1);
                continue;
            }
            if (line.startsWith("```")) {
                String lang = line.substring(3).trim();
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.length && !lines[i].startsWith("```")) {
                    code.append(lines[i]).append('\n');
                    i++;
                }
                if (i >= lines.length) {
                    throw new IllegalStateException("unclosed code block at line " + start);
                }
                if (pendingId == null) {
                    throw new AssertionError("the code block at line " + start + " has no <!-- snippet: id --> comment right before it");
                }
                out.add(new Snippet(pendingId, lang, code.toString(), start));
                pendingId = null;
                continue;
            }
            if (!line.isBlank()) {
                pendingId = null;
            }
        }
        return out;
    }

    /** The test classpath, expanded from surefire's manifest-only jar when it uses one. */
    static String classpath() throws IOException, URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(e);
            if (e.contains("surefirebooter") && e.endsWith(".jar")) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest mf = jar.getManifest();
                    String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            entries.add(Path.of(new URI(u)).toString());
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Compiles one compilation unit in memory and loads its classes over the test's class loader. */
    static ClassLoader compile(String className, String source) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, null, null);
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = compiler.getTask(null, files, diagnostics,
                List.of("-classpath", classpath(), "-proc:none", "-Xlint:none", "-nowarn"), null, List.of(unit)).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder("does not compile:\n");
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                sb.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            sb.append("--- source ---\n").append(source);
            throw new AssertionError(sb.toString());
        }
        return new ClassLoader(GuideSnippets.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] b = bytes.toByteArray();
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
