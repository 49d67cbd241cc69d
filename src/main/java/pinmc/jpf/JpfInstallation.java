package pinmc.jpf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import pinmc.props.JpfProperties;
import pinmc.props.PropertiesFileException;

/**
 * A built jpf-core and the JDK that runs it, found the way JPF's own launcher finds it:
 * {@code --jpf-home} (the system property {@value #HOME_PROPERTY}), then the {@code JPF_HOME}
 * environment variable, then the {@code jpf-core} key of {@code ~/.jpf/site.properties}.
 *
 * @param home the jpf-core directory (the one with {@code jpf.properties})
 * @param source where {@code home} came from, for messages ({@code "JPF_HOME"}, ...)
 * @param javaHome the JDK whose {@code bin/java} runs JPF
 */
public record JpfInstallation(Path home, String source, Path javaHome) {
  /** The system property {@code --jpf-home} sets; it takes precedence over everything else. */
  public static final String HOME_PROPERTY = "pinmc.jpf.home";
  /** The system property that names another JDK to run JPF with (default: the one running pinmc). */
  public static final String JAVA_PROPERTY = "pinmc.jpf.java.home";
  /** The only JDK feature release jpf-core's java-17 branch runs on. */
  public static final int SUPPORTED_JDK = 17;

  /** {@code build/jpf.jar}: JPF itself, the host side. */
  public Path jpfJar() {
    return home.resolve("build").resolve("jpf.jar");
  }

  /** {@code build/jpf-classes.jar}: what model code sees of JPF ({@code Verify}, the model classes). */
  public Path classesJar() {
    return home.resolve("build").resolve("jpf-classes.jar");
  }

  /** The {@code java} launcher of {@link #javaHome}. */
  public Path javaLauncher() {
    return javaHome.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
  }

  /** Finds jpf-core from this process's settings; throws with one line that says what to set. */
  public static JpfInstallation locate() throws JpfSetupException {
    String java = System.getProperty(JAVA_PROPERTY);
    return locate(System.getProperty(HOME_PROPERTY), System.getenv(), Path.of(System.getProperty("user.home")),
        Path.of(java != null && !java.isBlank() ? java : System.getProperty("java.home")));
  }

  /**
   * Finds jpf-core from the given settings: {@code explicitHome} (may be null), then
   * {@code env}'s {@code JPF_HOME}, then {@code userHome/.jpf/site.properties}.
   */
  public static JpfInstallation locate(String explicitHome, Map<String, String> env, Path userHome, Path javaHome)
      throws JpfSetupException {
    JpfInstallation found;
    if (explicitHome != null && !explicitHome.isBlank()) {
      found = new JpfInstallation(Path.of(explicitHome), "--jpf-home", javaHome);
    } else if (env.get("JPF_HOME") != null && !env.get("JPF_HOME").isBlank()) {
      found = new JpfInstallation(Path.of(env.get("JPF_HOME")), "JPF_HOME", javaHome);
    } else {
      Path site = userHome.resolve(".jpf").resolve("site.properties");
      Optional<String> fromSite = siteJpfCore(site);
      if (fromSite.isEmpty()) {
        throw new JpfSetupException("Java PathFinder (jpf-core) not found: use --jpf-home DIR, set JPF_HOME, or set jpf-core in "
            + site + " (see the README, engine jpf)");
      }
      found = new JpfInstallation(Path.of(fromSite.get()), "jpf-core in " + site, javaHome);
    }
    found.validate();
    return found;
  }

  /** The {@code jpf-core} key of a site.properties file, expanded as JPF expands it; empty if none. */
  static Optional<String> siteJpfCore(Path site) throws JpfSetupException {
    if (!Files.isRegularFile(site)) {
      return Optional.empty();
    }
    try {
      return JpfProperties.load(site).get("jpf-core").filter(v -> !v.isBlank());
    } catch (PropertiesFileException e) {
      throw new JpfSetupException("cannot read " + site + ": " + e.getMessage());
    }
  }

  private void validate() throws JpfSetupException {
    if (!Files.isDirectory(home)) {
      throw new JpfSetupException("jpf-core not found: " + home + " (from " + source + ") is not a directory");
    }
    if (!Files.isRegularFile(home.resolve("jpf.properties"))) {
      throw new JpfSetupException(home + " (from " + source + ") is not a jpf-core directory: it has no jpf.properties");
    }
    for (Path jar : new Path[] {jpfJar(), classesJar()}) {
      if (!Files.isRegularFile(jar)) {
        throw new JpfSetupException("jpf-core at " + home + " is not built: " + home.relativize(jar)
            + " is missing (build its java-17 branch with a JDK 17, see the README)");
      }
    }
    if (!Files.isRegularFile(javaLauncher())) {
      throw new JpfSetupException("no java launcher at " + javaLauncher() + " to run Java PathFinder with");
    }
    int feature = jdkFeature(javaHome);
    if (feature != SUPPORTED_JDK) {
      throw new JpfSetupException("Java PathFinder (jpf-core, java-17 branch) runs only on JDK " + SUPPORTED_JDK + ", but "
          + javaHome + " is JDK " + (feature < 0 ? "of unknown version" : feature)
          + ": run pinmc with a JDK 17, or name one with -D" + JAVA_PROPERTY + "=DIR");
    }
  }

  /**
   * The feature release (17, 25, ...) of the JDK at {@code javaHome}, from its {@code release}
   * file, or this JVM's when that is the one asked about; -1 if unknown.
   */
  static int jdkFeature(Path javaHome) {
    Path release = javaHome.resolve("release");
    if (Files.isRegularFile(release)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(release)) {
        p.load(in);
      } catch (IOException e) {
        return -1;
      }
      String v = p.getProperty("JAVA_VERSION", "").replace("\"", "").trim();
      try {
        String major = v.startsWith("1.") ? v.substring(2) : v;
        return Integer.parseInt(major.split("[.+\\-_]")[0]);
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    if (javaHome.toAbsolutePath().normalize().equals(Path.of(System.getProperty("java.home")).toAbsolutePath().normalize())) {
      return Runtime.version().feature();
    }
    return -1;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }
}
