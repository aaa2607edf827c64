package io.oktaconnector.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java code of the README's "Use it as a library" section is the code consumer-it compiles and runs from a project
 * that knows the connector only by its coordinates: each README block equals one {@code README:} block of
 * LibraryExample.java, in order, so the README cannot show code that was not built and run.
 */
class ReadmeLibrarySectionTest {

    private static final Path ROOT = Path.of("..");
    private static final Path EXAMPLE = ROOT.resolve(
            "consumer-it/src/it/consumer/src/main/java/com/example/host/LibraryExample.java");

    @Test
    void theReadmesLibraryCodeIsTheCodeTheConsumerBuildRuns() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        int start = readme.indexOf("\n## Use it as a library\n");
        assertThat(start).as("the README has the section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = end < 0 ? readme.substring(start) : readme.substring(start, end);

        List<String> shown = blocks(Pattern.compile("```java\n(.*?)\n```", Pattern.DOTALL), section);
        List<String> built = new ArrayList<>();
        for (String b : blocks(Pattern.compile("// README:\\w+\n(.*?)\n[ \t]*// README:end", Pattern.DOTALL),
                Files.readString(EXAMPLE))) {
            built.add(dedent(b));
        }

        assertThat(built).hasSize(4);
        assertThat(shown).containsExactlyElementsOf(built);
    }

    private static List<String> blocks(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Removes the indentation every non-blank line shares. */
    private static String dedent(String block) {
        List<String> lines = block.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
