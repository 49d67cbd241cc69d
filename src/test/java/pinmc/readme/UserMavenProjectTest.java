package pinmc.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "From your own Maven project", done: a tiny user project
 * ({@code src/test/resources/user-project}: a model and a JUnit 5 test with {@code ModelCheck})
 * that depends on {@code dev.pinmc:pinmc}, built by a Maven of its own with {@code mvn -B test}.
 * Its test must find the violation in the racy variant and pass the locked one, so the build
 * fails if depending on pinmc does not work.
 *
 * <p>The README installs pinmc with {@code mvn -B install -DskipTests}; this test cannot run
 * that inside the build that is testing it, so it installs what that command would (the
 * classes just compiled as {@code pinmc-VERSION.jar}, with this {@code pom.xml}) into a local
 * repository of its own. That repository links every other entry to the outer build's local
 * repository, so the plugins and dependencies the outer build resolved are found there, and
 * nothing of pinmc is written to the user's {@code ~/.m2}. The nested Maven runs offline
 * ({@code -o}) exactly when the outer one does (the pom passes both facts in).
 */
class UserMavenProjectTest {
  private static final String GROUP_PATH = "dev/pinmc/pinmc";

  @Test
  void aUserProjectDependingOnPinmcChecksItsModelWithModelCheck(@TempDir Path tmp) throws Exception {
    Path mvn = onPath(isWindows() ? "mvn.cmd" : "mvn");
    assumeTrue(mvn != null, "no mvn on PATH: the user-project build cannot run here");
    String localRepository = System.getProperty("pinmc.it.localRepository");
    String version = System.getProperty("pinmc.it.version");
    assumeTrue(localRepository != null && version != null,
        "run through Maven (mvn -B verify): the pom passes the local repository and the version in");
    boolean offline = System.getProperty("pinmc.it.offline", "").equals("offline=true");

    Path repo = privateRepository(tmp.resolve("repo"), Path.of(localRepository), version);
    Path project = tmp.resolve("user-project");
    copyTree(Path.of("src/test/resources/user-project"), project);

    List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-Dmaven.repo.local=" + repo, "test"));
    if (offline) {
      command.add(2, "-o");
    }
    Path log = tmp.resolve("mvn.log");
    Process p = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    boolean ended = p.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    String tail = output.substring(Math.max(0, output.length() - 4000));
    assertTrue(ended, "the user project's build did not end in 5 minutes:\n" + tail);
    assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + tail);
    Path report = project.resolve("target/surefire-reports/TEST-com.example.AccountTest.xml");
    assertTrue(Files.exists(report), "no test report: the user's test did not run\n" + tail);
    String xml = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(xml.contains("tests=\"2\"") && xml.contains("failures=\"0\"") && xml.contains("errors=\"0\""),
        "both of the user's checks ran and held:\n" + xml.substring(0, Math.min(xml.length(), 600)));
  }

  /**
   * A local repository that holds pinmc as {@code mvn install} leaves it, and links everything
   * else to {@code shared}.
   */
  private static Path privateRepository(Path repo, Path shared, String version) throws IOException {
    Files.createDirectories(repo);
    linkChildren(shared, repo, "dev");
    Path sharedDev = shared.resolve("dev");
    Files.createDirectories(repo.resolve("dev"));
    if (Files.isDirectory(sharedDev)) {
      linkChildren(sharedDev, repo.resolve("dev"), "pinmc");
    }
    Path dir = Files.createDirectories(repo.resolve(GROUP_PATH).resolve(version));
    Files.copy(Path.of("pom.xml"), dir.resolve("pinmc-" + version + ".pom"));
    jar(Path.of("target/classes"), dir.resolve("pinmc-" + version + ".jar"));
    return repo;
  }

  private static void linkChildren(Path from, Path to, String except) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> children = Files.list(from)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        if (!child.getFileName().toString().equals(except)) {
          Files.createSymbolicLink(to.resolve(child.getFileName().toString()), child.toAbsolutePath());
        }
      }
    }
  }

  private static void jar(Path classes, Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
        j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, j);
        j.closeEntry();
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
  }
}
