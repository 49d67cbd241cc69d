package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check -cp} finds and instruments a model whose package begins like a dependency of pinmc's. */
class ModelPackageCliTest {
  @TempDir Path dir;

  @Test
  void theCliFindsAModelInSuchAPackageOnTheUsersClassPath() throws Exception {
    Path src = Files.createDirectories(dir.resolve("src/picocli/pinmcexternal"));
    Path file = Files.writeString(src.resolve("Racy.java"), String.join("\n",
        "package picocli.pinmcexternal;",
        "public class Racy {",
        "  static int n;",
        "  public static void main(String[] args) throws InterruptedException {",
        "    Thread t = new Thread(() -> n++);",
        "    t.start();",
        "    n++;",
        "    t.join();",
        "    assert n == 2 : \"lost update\";",
        "  }",
        "}", ""));
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, "-d", classes.toString(), file.toString()));
    Cli.Run r = Cli.run("check", "-cp", classes.toString(), "picocli.pinmcexternal.Racy");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.out().startsWith("picocli.pinmcexternal.Racy: VIOLATION"), r.out());
    assertFalse(r.toString().contains("not found"), r.toString());
  }
}
