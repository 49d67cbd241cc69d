package pinmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding jpf-core as JPF's launcher does, and the one-line reasons when it cannot be used. No JPF needed. */
class JpfInstallationTest {
  @TempDir Path dir;
  private Path userHome;
  private Path jdk17;

  @BeforeEach
  void setUp() throws IOException {
    userHome = Files.createDirectories(dir.resolve("home"));
    jdk17 = fakeJdk("jdk17", "17.0.15");
  }

  private Path fakeJdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name).resolve("bin"));
    Files.writeString(home.resolve("java"), "");
    Files.writeString(home.getParent().resolve("release"), "IMPLEMENTOR=\"X\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home.getParent();
  }

  /** A jpf-core directory: jpf.properties, and the two jars if {@code built}. */
  private Path jpfCore(String name, boolean built) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Files.writeString(home.resolve("jpf.properties"), "jpf-core = ${config_path}\n");
    if (built) {
      Files.createDirectories(home.resolve("build"));
      Files.writeString(home.resolve("build/jpf.jar"), "");
      Files.writeString(home.resolve("build/jpf-classes.jar"), "");
    }
    return home;
  }

  private void siteProperties(String text) throws IOException {
    Files.createDirectories(userHome.resolve(".jpf"));
    Files.writeString(userHome.resolve(".jpf/site.properties"), text);
  }

  @Test
  void explicitHomeComesFirstThenJpfHomeThenSiteProperties() throws Exception {
    Path explicit = jpfCore("explicit", true);
    Path env = jpfCore("env", true);
    Path site = jpfCore("site", true);
    siteProperties("jpf-core = " + site + "\n");
    Map<String, String> withEnv = Map.of("JPF_HOME", env.toString());

    JpfInstallation a = JpfInstallation.locate(explicit.toString(), withEnv, userHome, jdk17);
    assertEquals(explicit, a.home());
    assertEquals("--jpf-home", a.source());
    JpfInstallation b = JpfInstallation.locate(null, withEnv, userHome, jdk17);
    assertEquals(env, b.home());
    assertEquals("JPF_HOME", b.source());
    JpfInstallation c = JpfInstallation.locate(null, Map.of(), userHome, jdk17);
    assertEquals(site, c.home());
    assertEquals(site.resolve("build/jpf.jar"), c.jpfJar());
    assertEquals(site.resolve("build/jpf-classes.jar"), c.classesJar());
    assertEquals(jdk17.resolve("bin/java"), c.javaLauncher());
  }

  @Test
  void sitePropertiesAreExpandedAsJpfDoes() throws Exception {
    jpfCore("projects/jpf-core", true);
    siteProperties("# site\nprojects = " + dir.resolve("projects") + "\njpf-core = ${projects}/jpf-core\nextensions = ${jpf-core}\n");
    assertEquals(dir.resolve("projects/jpf-core"), JpfInstallation.locate(null, Map.of(), userHome, jdk17).home());
  }

  @Test
  void nothingFoundSaysWhatToSet() {
    JpfSetupException e = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(null, Map.of(), userHome, jdk17));
    assertTrue(e.getMessage().contains("--jpf-home DIR, set JPF_HOME, or set jpf-core in " + userHome.resolve(".jpf/site.properties")),
        e.getMessage());
  }

  @Test
  void siteWithoutJpfCoreKeyIsNotFound() throws Exception {
    siteProperties("extensions = /somewhere\n");
    JpfSetupException e = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(null, Map.of(), userHome, jdk17));
    assertTrue(e.getMessage().startsWith("Java PathFinder (jpf-core) not found"), e.getMessage());
  }

  @Test
  void missingDirectoryNamesWhereItCameFrom() {
    Path missing = dir.resolve("nowhere");
    JpfSetupException e = assertThrows(JpfSetupException.class,
        () -> JpfInstallation.locate(null, Map.of("JPF_HOME", missing.toString()), userHome, jdk17));
    assertEquals("jpf-core not found: " + missing + " (from JPF_HOME) is not a directory", e.getMessage());
  }

  @Test
  void directoryThatIsNotJpfCore() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    JpfSetupException e = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(other.toString(), Map.of(), userHome, jdk17));
    assertTrue(e.getMessage().contains("is not a jpf-core directory: it has no jpf.properties"), e.getMessage());
  }

  @Test
  void unbuiltJpfCore() throws Exception {
    Path src = jpfCore("src-only", false);
    JpfSetupException e = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(src.toString(), Map.of(), userHome, jdk17));
    assertTrue(e.getMessage().startsWith("jpf-core at " + src + " is not built: build/jpf.jar is missing"), e.getMessage());
  }

  @Test
  void wrongJdkIsRefused() throws Exception {
    Path core = jpfCore("core", true);
    Path jdk25 = fakeJdk("jdk25", "25.0.1");
    JpfSetupException e = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(core.toString(), Map.of(), userHome, jdk25));
    assertTrue(e.getMessage().contains("runs only on JDK 17, but " + jdk25 + " is JDK 25 (given): name a JDK 17 with "
        + "--jpf-java DIR or JPF_JAVA_HOME=DIR"), e.getMessage());
  }

  @Test
  void theJdkForJpfIsTheNamedOneThenJpfJavaHomeThenTheRunningOneIfSeventeenThenASeventeenBesideIt() throws Exception {
    Path jdk25 = fakeJdk("jdk25", "25.0.3");
    Path older17 = fakeJdk("jdk17-old", "17.0.2");
    Path named = fakeJdk("named", "17.0.1");
    Map<String, String> env = Map.of(JpfInstallation.JAVA_ENV, older17.toString());
    assertEquals(named, JpfInstallation.chooseJdk(named.toString(), env, jdk25).home());
    assertEquals(new JpfInstallation.JdkChoice(older17, "JPF_JAVA_HOME"), JpfInstallation.chooseJdk(null, env, jdk25));
    assertEquals(jdk17, JpfInstallation.chooseJdk(null, Map.of(), jdk17).home());
    // pinmc on JDK 25: the newest JDK 17 in the same directory runs JPF.
    JpfInstallation.JdkChoice beside = JpfInstallation.chooseJdk(null, Map.of(), jdk25);
    assertEquals(jdk17.toRealPath(), beside.home());
    assertEquals("a JDK 17 beside the JDK running pinmc", beside.source());
    Path core = jpfCore("core", true);
    JpfInstallation installation = JpfInstallation.locate(core.toString(), Map.of(), userHome, jdk17);
    assertEquals("JDK 17.0.15 (X) at " + jdk17 + ", given", installation.javaDescription());
  }

  @Test
  void withNoJdkSeventeenAnywhereTheRunningJdkIsRefusedWithWhatToSet() throws Exception {
    Path alone = Files.createDirectories(dir.resolve("elsewhere"));
    Path jdk25 = Files.createDirectories(alone.resolve("jdk25/bin"));
    Files.writeString(jdk25.resolve("java"), "");
    Files.writeString(jdk25.getParent().resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    JpfInstallation.JdkChoice choice = JpfInstallation.chooseJdk(null, Map.of(), jdk25.getParent());
    assertEquals(new JpfInstallation.JdkChoice(jdk25.getParent(), "the JDK running pinmc"), choice);
    assertTrue(JpfInstallation.jdkBeside(jdk25.getParent(), 17).isEmpty());
  }

  @Test
  void onlyAJpfCoreNamedNowhereIsNotConfigured() throws Exception {
    JpfSetupException none = assertThrows(JpfSetupException.class, () -> JpfInstallation.locate(null, Map.of(), userHome, jdk17));
    assertTrue(none.notConfigured(), none.getMessage());
    JpfSetupException unbuilt = assertThrows(JpfSetupException.class,
        () -> JpfInstallation.locate(jpfCore("src", false).toString(), Map.of(), userHome, jdk17));
    assertFalse(unbuilt.notConfigured(), unbuilt.getMessage());
  }

  @Test
  void jdkVersionsFromReleaseFiles() throws Exception {
    assertEquals(17, JpfInstallation.jdkFeature(jdk17));
    assertEquals(8, JpfInstallation.jdkFeature(fakeJdk("jdk8", "1.8.0_392")));
    assertEquals(21, JpfInstallation.jdkFeature(fakeJdk("jdk21", "21")));
    assertEquals(-1, JpfInstallation.jdkFeature(dir.resolve("no-jdk")));
  }
}
