package dev.geminilive.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.geminilive.models.ModelProfile;
import dev.geminilive.models.ModelProfiles;
import dev.geminilive.models.ProfileRule;
import org.junit.jupiter.api.Test;

/**
 * The model catalog and the fidelity table of every profile rule in docs/emulator.md are rendered from the default
 * catalog and the shared profile table; this test fails when they drift. Run with {@code -Ddocs.update=true} to rewrite.
 */
class EmulatorDocsTest {

    private static final Path DOC = Path.of("..", "docs", "emulator.md");

    @Test
    void modelCatalogAndProfileTablesMatchTheSharedTable() throws IOException {
        String doc = Files.readString(DOC);
        String updated = replace(doc, "model-catalog", catalog());
        updated = replace(updated, "model-profiles", profiles());
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, updated);
            return;
        }
        assertEquals(updated, doc, "docs/emulator.md is out of date with the model profiles; "
                                   + "run: mvn -pl gemini-live-emulator test -Dtest=EmulatorDocsTest -Ddocs.update=true");
    }

    private static String catalog() {
        StringBuilder sb = new StringBuilder("| model | profile | answers in |\n|---|---|---|\n");
        for (ModelSpec m : ModelCatalog.defaults().models()) {
            String test = m.name().equals(ModelCatalog.TEST_MODEL) ? " (`ModelCatalog.TEST_MODEL`)"
                    : m.name().equals(ModelCatalog.TEST_MODEL_3) ? " (`ModelCatalog.TEST_MODEL_3`)" : "";
            sb.append("| `").append(m.name()).append('`').append(test).append(" | ").append(m.profile().name()).append(" | ")
                    .append(m.nativeAudio() ? "AUDIO" : m.profile().responseModalities().contains(dev.geminilive.protocol.Modality.AUDIO)
                            ? "TEXT or AUDIO" : "TEXT").append(" |\n");
        }
        return sb.toString();
    }

    private static String profiles() {
        StringBuilder sb = new StringBuilder();
        for (ModelProfile p : ModelProfiles.all()) {
            sb.append("**").append(p.name()).append("**: ").append(p.title()).append(". Models: ")
                    .append(String.join(", ", p.models().stream().map(m -> "`" + m + "`").toList()))
                    .append(p.prefixes().isEmpty() ? "" : "; other ids starting " + String.join(", ", p.prefixes().stream().map(m -> "`" + m + "`").toList()))
                    .append(".\n\n| rule | value | checked | fidelity | source |\n|---|---|---|---|---|\n");
            for (ProfileRule r : p.rules().values()) {
                sb.append("| ").append(r.aspect()).append(" | ").append(r.valueText()).append(" | ").append(r.checked()).append(" | ")
                        .append(r.fidelity().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(r.source().replace("|", "/"))
                        .append(" |\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String replace(String doc, String marker, String content) {
        String start = "<!-- " + marker + ":start -->\n";
        String end = "<!-- " + marker + ":end -->";
        int s = doc.indexOf(start);
        int e = doc.indexOf(end);
        if (s < 0 || e < s) {
            throw new IllegalStateException("docs/emulator.md lacks the markers " + start.trim() + " ... " + end);
        }
        return doc.substring(0, s + start.length()) + content + doc.substring(e);
    }
}
