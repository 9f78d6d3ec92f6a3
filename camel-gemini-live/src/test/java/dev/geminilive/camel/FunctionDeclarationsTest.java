package dev.geminilive.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import dev.geminilive.camel.tools.FunctionDeclarations;
import dev.geminilive.protocol.FunctionDeclaration;
import dev.geminilive.protocol.Tool;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The functions option reads declarations from JSON, resources and beans, and names what is wrong. */
class FunctionDeclarationsTest {

    private final CamelContext context = new DefaultCamelContext();

    @Test
    void declarationsComeFromABeanOfDeclarationsOrOfATool() {
        FunctionDeclaration weather = new FunctionDeclaration("get_weather", "Weather", null, null, null, null);
        context.getRegistry().bind("list", List.of(weather));
        context.getRegistry().bind("tool", Tool.functions(List.of(weather)));
        context.getRegistry().bind("json", "{\"functionDeclarations\":[{\"name\":\"get_time\"}]}");
        assertEquals(List.of(weather), FunctionDeclarations.load(context, "#list"));
        assertEquals(List.of(weather), FunctionDeclarations.load(context, "#bean:tool"));
        assertEquals("get_time", FunctionDeclarations.load(context, "#json").get(0).name());
    }

    @Test
    void declarationsComeFromInlineJsonInSnakeOrCamelCase() {
        List<FunctionDeclaration> f = FunctionDeclarations.load(context,
                "{\"function_declarations\":[{\"name\":\"a\",\"behavior\":\"NON_BLOCKING\"},{\"name\":\"b\"}]}");
        assertEquals(FunctionDeclaration.Behavior.NON_BLOCKING, f.get(0).behavior());
        assertEquals("b", f.get(1).name());
    }

    @Test
    void badDeclarationsAreRefusedWithAClearMessage() {
        assertEquals("functions: no bean named missing in the registry",
                assertThrows(IllegalArgumentException.class, () -> FunctionDeclarations.load(context, "#missing")).getMessage());
        assertEquals("functions: a is declared twice", assertThrows(IllegalArgumentException.class,
                () -> FunctionDeclarations.load(context, "[{\"name\":\"a\"},{\"name\":\"a\"}]")).getMessage());
        assertEquals("functions: '1x' is not a valid function name (letters, digits, underscores, dots, dashes; at most 64; not "
                     + "starting with a digit)", assertThrows(IllegalArgumentException.class,
                () -> FunctionDeclarations.load(context, "[{\"name\":\"1x\"}]")).getMessage());
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> FunctionDeclarations.load(context, "[{\"name\":\"a\",\"behaviour\":\"NON_BLOCKING\"}]")).getMessage();
        assertEquals("functions: the functions option holds an invalid FunctionDeclaration: Invalid JSON payload received. Unknown "
                     + "name \"behaviour\": Cannot find field.", unknown);
    }

    @Test
    void aFileWrittenWithoutResourceIsRefusedNamingTheWaysThatWork() {
        assertEquals("functions must be JSON, a file (resource:file:/path/functions.json), a classpath resource "
                     + "(resource:classpath:functions.json) or a bean (#name), not: file:/etc/functions.json",
                assertThrows(IllegalArgumentException.class, () -> FunctionDeclarations.load(context, "file:/etc/functions.json"))
                        .getMessage());
        assertEquals("functions: the functions option is not valid JSON: Unexpected end-of-input: expected close marker for "
                     + "Array (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, "
                     + "column: 1])", assertThrows(IllegalArgumentException.class, () -> FunctionDeclarations.load(context, "[{}"))
                        .getMessage().replaceAll("\\s+", " "));
    }
}
