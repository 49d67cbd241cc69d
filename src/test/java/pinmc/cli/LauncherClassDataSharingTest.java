package pinmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing archive, with the real {@code java} of this build and a
 * stand-in {@code target/pinmc.jar} whose main ({@link LauncherFixture}) prints its arguments
 * and exits with 3. Whatever state the archive is in, a run prints exactly what the program
 * prints and exits with its code. Whether a run used the archive is read from the JVM's own
 * class-loading log ({@code -Xlog:class+load}, given through {@code PINMC_JAVA_OPTS}).
 */
class LauncherClassDataSharingTest {
  private static final String FIXTURE = LauncherFixture.class.getName();
  private static final String FROM_ARCHIVE = FIXTURE + " source: shared objects file (top)";

  @TempDir Path dir;
  private Path project;
  private Path jar;
  private Path classLog;

  @BeforeEach
  void setUp() throws IOException {
    project = LauncherCopy.project(dir);
    jar = Files.createDirectories(project.resolve("target")).resolve("pinmc.jar");
    writeJar("first");
    classLog = dir.resolve("classes.log");
  }

  /** A jar whose main is the fixture; {@code stamp} makes each version's bytes differ. */
  private void writeJar(String stamp) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FIXTURE);
    String entry = FIXTURE.replace('.', '/') + ".class";
    try (var in = LauncherFixture.class.getClassLoader().getResourceAsStream(entry);
        OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.putNextEntry(new JarEntry("stamp.txt"));
      out.write(stamp.getBytes(StandardCharsets.UTF_8));
    }
  }

  private Process start(String cds, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(project.resolve("pinmc").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    pb.environment().put("PATH", javaBin + ":" + System.getenv("PATH"));
    pb.environment().put("PINMC_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
    if (cds != null) {
      pb.environment().put("PINMC_CDS", cds);
    }
    return pb.start();
  }


  /** Runs the launcher and checks that the program's output and exit code came through untouched. */
  private void runsAsThePlainProgram(String cds) throws Exception {
    String[] r = LauncherCopy.finish(start(cds, "a", "b c"));
    assertEquals("fixture [a, b c]\n", r[0], "stdout is the program's alone; stderr: " + r[1]);
    assertEquals("", r[1]);
    assertEquals("3", r[2]);
  }

  private boolean lastRunUsedTheArchive() throws IOException {
    return Files.readString(classLog).contains(FROM_ARCHIVE);
  }

  private List<Path> cdsFiles() throws IOException {
    Path cds = project.resolve("target/cds");
    if (!Files.isDirectory(cds)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cds)) {
      return files.sorted().toList();
    }
  }

  private Path archive() throws IOException {
    List<Path> archives = cdsFiles().stream().filter(f -> f.toString().endsWith(".jsa")).toList();
    assertEquals(1, archives.size(), "one archive: " + cdsFiles());
    return archives.get(0);
  }

  @Test
  void theFirstRunMakesTheArchiveAndEveryRunUsesIt() throws Exception {
    runsAsThePlainProgram(null);
    Path archive = archive();
    assertTrue(lastRunUsedTheArchive(), "the first run, after making it");
    assertTrue(cdsFiles().stream().noneMatch(f -> f.toString().contains("making")), "no half-made archive: " + cdsFiles());
    FileTime made = Files.getLastModifiedTime(archive);
    runsAsThePlainProgram(null);
    assertTrue(lastRunUsedTheArchive());
    assertEquals(made, Files.getLastModifiedTime(archive), "made once");
  }

  @Test
  void aNewJarGetsANewArchive() throws Exception {
    runsAsThePlainProgram(null);
    Path archive = archive();
    FileTime first = Files.getLastModifiedTime(archive);
    writeJar("second");
    Files.setLastModifiedTime(archive, FileTime.fromMillis(first.toMillis() - 10_000)); // older than the new jar
    runsAsThePlainProgram(null);
    assertTrue(Files.getLastModifiedTime(archive()).compareTo(Files.getLastModifiedTime(jar)) > 0, "made again");
    assertTrue(lastRunUsedTheArchive());
  }

  @Test
  void anArchiveTheJvmRefusesIsIgnoredSilently() throws Exception {
    runsAsThePlainProgram(null);
    Path archive = archive();
    // The jar changed but the archive looks newer (rebuilt in the same instant, or its time
    // moved): the JVM sees that the jar is not the one archived and runs without it. (It
    // compares the jar's size and its time to the second, so this jar differs in size: one
    // of the same size and the same second would pass for the archived one.)
    FileTime archiveTime = Files.getLastModifiedTime(archive);
    writeJar("another, longer stamp");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(archiveTime.toMillis() - 2000));
    runsAsThePlainProgram(null);
    assertFalse(lastRunUsedTheArchive());
    // Not an archive at all.
    archive.toFile().setWritable(true);
    Files.writeString(archive, "not an archive");
    Files.setLastModifiedTime(archive, archiveTime);
    runsAsThePlainProgram(null);
    assertFalse(lastRunUsedTheArchive());
  }

  @Test
  void launchersStartedTogetherLeaveOneGoodArchive() throws Exception {
    List<Process> launchers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      launchers.add(start(null, "a", "b c"));
    }
    for (Process p : launchers) {
      String[] r = LauncherCopy.finish(p);
      assertEquals("fixture [a, b c]\n", r[0], r[1]);
      assertEquals("3", r[2]);
    }
    Path archive = archive();
    assertTrue(cdsFiles().stream().noneMatch(f -> f.toString().contains("making")), "no half-made archive: " + cdsFiles());
    Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString(), "-version").start();
    String[] r = LauncherCopy.finish(check);
    assertEquals("0", r[2], "the JVM maps the archive: " + r[1]);
  }

  @Test
  void noArchiveWhenTurnedOffOrWhenItsDirectoryCannotBeMade() throws Exception {
    runsAsThePlainProgram("off");
    assertEquals(List.of(), cdsFiles());
    assertFalse(lastRunUsedTheArchive());
    Files.writeString(project.resolve("target/cds"), "a file where the directory would be");
    runsAsThePlainProgram(null);
    assertFalse(lastRunUsedTheArchive());
  }
}
