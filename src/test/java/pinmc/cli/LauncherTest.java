package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code pinmc} launcher script, run on a copy of the project layout with a stand-in
 * {@code mvn} (which notes each build and whether another was running) and {@code java}.
 */
class LauncherTest {
  @TempDir Path dir;
  private Path project;
  private Path bin;

  @BeforeEach
  void setUp() throws IOException {
    project = LauncherCopy.project(dir);
    Files.writeString(project.resolve("pom.xml"), "<project/>");
    Files.createDirectories(project.resolve("src/main"));
    Files.writeString(project.resolve("src/main/A.java"), "class A {}");
    Files.createDirectories(project.resolve("models"));
    bin = Files.createDirectories(dir.resolve("bin"));
    script("mvn", """
        out=; for a in "$@"; do case "$a" in -Dpinmc.jar=*) out="${a#-Dpinmc.jar=}";; esac; done
        if [ -e "%1$s/busy" ]; then echo overlap >> "%1$s/builds"; fi
        touch "%1$s/busy"; echo "build $out" >> "%1$s/builds"; sleep 1
        echo jar > "$out"; rm -f "%1$s/busy"
        """.formatted(dir));
    script("java", "echo \"$*\" >> \"%s/java-calls\"; echo \"java $*\"\n".formatted(dir));
  }

  private void script(String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body);
    p.toFile().setExecutable(true);
  }

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(project.resolve("pinmc").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("TMPDIR", dir.toString());
    return pb.start();
  }


  @Test
  void buildsOnceToAnotherFileSaysSoAndRenamesIt() throws Exception {
    Process first = start("list");
    Process second = start("gate");
    String[] a = LauncherCopy.finish(first);
    String[] b = LauncherCopy.finish(second);
    assertEquals("0", a[2], a[1]);
    assertEquals("0", b[2], b[1]);
    List<String> builds = Files.readAllLines(dir.resolve("builds"));
    assertEquals(1, builds.size(), "the second launcher waited for the first build and used its jar: " + builds);
    assertFalse(builds.get(0).endsWith("target/pinmc.jar"), "built under another name: " + builds);
    assertTrue((a[1] + b[1]).contains("building pinmc…"), a[1] + b[1]);
    assertTrue(Files.isRegularFile(project.resolve("target/pinmc.jar")));
    assertTrue(a[0].contains("-jar " + project.resolve("target/pinmc.jar") + " list"), a[0]);
    try (var files = Files.list(project.resolve("target"))) {
      assertFalse(files.anyMatch(f -> f.getFileName().toString().contains("building")), "no half-built jar left");
    }
    String[] again = LauncherCopy.finish(start("list"));
    assertEquals("", again[1], "a fresh jar is not rebuilt and nothing is said");
  }

  @Test
  void anArchiveThisJavaCannotMakeIsNotTriedAgainUntilTheJarChanges() throws Exception {
    assertEquals("0", LauncherCopy.finish(start("list"))[2]);
    assertEquals(1, archiveAttempts(), "the stand-in java makes no archive: tried once");
    String[] again = LauncherCopy.finish(start("list"));
    assertEquals("0", again[2]);
    assertEquals(1, archiveAttempts(), "not tried again for the same jar");
    assertFalse(again[0].contains("SharedArchiveFile"), "no archive given to java: " + again[0]);
    Path jar = project.resolve("target/pinmc.jar");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    Files.setLastModifiedTime(project.resolve("src/main/A.java"), FileTime.fromMillis(0));
    Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.fromMillis(0));
    assertEquals("0", LauncherCopy.finish(start("list"))[2]);
    assertEquals(2, archiveAttempts(), "a new jar is tried again");
  }

  private long archiveAttempts() throws IOException {
    return Files.readAllLines(dir.resolve("java-calls")).stream().filter(l -> l.contains("ArchiveClassesAtExit")).count();
  }
}
