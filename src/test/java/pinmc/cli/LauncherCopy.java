package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The {@code pinmc} launcher script copied into a project directory of a test's own, and its runs. */
final class LauncherCopy {
  private LauncherCopy() {}

  /** {@code dir/project} with an executable copy of {@code pinmc} in it. */
  static Path project(Path dir) throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.copy(Path.of("pinmc"), project.resolve("pinmc"));
    assertTrue(project.resolve("pinmc").toFile().setExecutable(true));
    return project;
  }

  /** Waits for a launcher: its stdout, its stderr and its exit code. */
  static String[] finish(Process p) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher finished");
    return new String[] {new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), Integer.toString(p.exitValue())};
  }
}
