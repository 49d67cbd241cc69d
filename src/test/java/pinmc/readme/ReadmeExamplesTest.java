package pinmc.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's test example is this package's {@code DirtyAfterUnpinTest}, which the suite runs:
 * the README must show it as it is (apart from the package line), so that it works when copied.
 */
class ReadmeExamplesTest {
  @Test
  void theReadmeShowsTheModelCheckExampleThatTheSuiteRuns() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String example = Files.readString(Path.of("src/test/java/pinmc/readme/DirtyAfterUnpinTest.java"))
        .replace("package pinmc.readme;\n\n", "");
    assertTrue(readme.contains("```java\n" + example + "```\n"), "README.md must contain, verbatim:\n" + example);
  }
}
