package pinmc.jpf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
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
 * @param javaSource where {@code javaHome} came from, for messages and reports
 */
public record JpfInstallation(Path home, String source, Path javaHome, String javaSource) {
  /** The system property {@code --jpf-home} sets; it takes precedence over everything else. */
  public static final String HOME_PROPERTY = "pinmc.jpf.home";
  /** The system property ({@code --jpf-java} sets it) that names the JDK to run JPF with; it comes first. */
  public static final String JAVA_PROPERTY = "pinmc.jpf.java.home";
  /** The environment variable that names the JDK to run JPF with, after {@link #JAVA_PROPERTY}. */
  public static final String JAVA_ENV = "JPF_JAVA_HOME";
  /** Where the JDK came from when it is the one running pinmc. */
  static final String RUNNING_JDK = "the JDK running pinmc";
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

  /** Finds jpf-core and a JDK to run it from this process's settings; throws with one line that says what to set. */
  public static JpfInstallation locate() throws JpfSetupException {
    Map<String, String> env = System.getenv();
    JdkChoice java = chooseJdk(System.getProperty(JAVA_PROPERTY), env, Path.of(System.getProperty("java.home")));
    return locate(System.getProperty(HOME_PROPERTY), env, Path.of(System.getProperty("user.home")), java);
  }

  /**
   * Finds jpf-core from the given settings, to run on {@code javaHome}: {@code explicitHome}
   * (may be null), then {@code env}'s {@code JPF_HOME}, then {@code userHome/.jpf/site.properties}.
   */
  public static JpfInstallation locate(String explicitHome, Map<String, String> env, Path userHome, Path javaHome)
      throws JpfSetupException {
    return locate(explicitHome, env, userHome, new JdkChoice(javaHome, "given"));
  }

  private static JpfInstallation locate(String explicitHome, Map<String, String> env, Path userHome, JdkChoice java)
      throws JpfSetupException {
    JpfInstallation found;
    if (explicitHome != null && !explicitHome.isBlank()) {
      found = new JpfInstallation(Path.of(explicitHome), "--jpf-home", java.home(), java.source());
    } else if (env.get("JPF_HOME") != null && !env.get("JPF_HOME").isBlank()) {
      found = new JpfInstallation(Path.of(env.get("JPF_HOME")), "JPF_HOME", java.home(), java.source());
    } else {
      Path site = userHome.resolve(".jpf").resolve("site.properties");
      Optional<String> fromSite = siteJpfCore(site);
      if (fromSite.isEmpty()) {
        throw JpfSetupException.notConfigured("Java PathFinder (jpf-core) not found: use --jpf-home DIR, set JPF_HOME, or set "
            + "jpf-core in " + site + " (see the README, engine jpf)");
      }
      found = new JpfInstallation(Path.of(fromSite.get()), "jpf-core in " + site, java.home(), java.source());
    }
    found.validate();
    return found;
  }

  /** A JDK to run JPF with, and where it was found ({@code "JPF_JAVA_HOME"}, ...). */
  public record JdkChoice(Path home, String source) {}

  /**
   * The JDK to run JPF with, first match wins: {@code explicit} ({@code --jpf-java} or
   * {@code -Dpinmc.jpf.java.home}), {@code env}'s {@value #JAVA_ENV}, the JDK running pinmc if it
   * is a JDK {@value #SUPPORTED_JDK}, a JDK {@value #SUPPORTED_JDK} installed beside it (in the
   * same directory, as in {@code /usr/lib/jvm}; the newest if several), and else the running
   * JDK, which {@link #locate} then refuses with a line saying what to set. pinmc itself is
   * fastest on JDK 21 or later, so running it on one and JPF on a JDK 17 is the usual setup.
   */
  public static JdkChoice chooseJdk(String explicit, Map<String, String> env, Path running) {
    if (explicit != null && !explicit.isBlank()) {
      return new JdkChoice(Path.of(explicit), "--jpf-java (" + JAVA_PROPERTY + ")");
    }
    String fromEnv = env.get(JAVA_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new JdkChoice(Path.of(fromEnv), JAVA_ENV);
    }
    if (jdkFeature(running) == SUPPORTED_JDK) {
      return new JdkChoice(running, RUNNING_JDK);
    }
    return jdkBeside(running, SUPPORTED_JDK)
        .map(jdk -> new JdkChoice(jdk, "a JDK " + SUPPORTED_JDK + " beside " + RUNNING_JDK))
        .orElse(new JdkChoice(running, RUNNING_JDK));
  }

  /** The newest JDK of feature release {@code feature} in {@code jdk}'s parent directory, by real path. */
  static Optional<Path> jdkBeside(Path jdk, int feature) {
    Path parent = jdk.toAbsolutePath().normalize().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      return Optional.empty();
    }
    List<Path> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(parent)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        if (Files.isRegularFile(p.resolve("bin").resolve(isWindows() ? "java.exe" : "java")) && jdkFeature(p) == feature) {
          Path real = p.toRealPath();
          if (!found.contains(real)) {
            found.add(real);
          }
        }
      }
    } catch (IOException e) {
      return Optional.empty();
    }
    return found.stream().max(Comparator.comparing((Path p) -> jdkVersion(p).orElse(Runtime.Version.parse("1")))
        .thenComparing(Comparator.comparing(Path::toString).reversed()));
  }

  /** What runs JPF, for reports: the JDK's maker and version from its release file, its directory and where it came from. */
  public String javaDescription() {
    Properties release = release(javaHome);
    String implementor = release.getProperty("IMPLEMENTOR", "").replace("\"", "").trim();
    String version = release.getProperty("JAVA_RUNTIME_VERSION", release.getProperty("JAVA_VERSION", "unknown version"))
        .replace("\"", "").trim();
    return "JDK " + version + (implementor.isEmpty() ? "" : " (" + implementor + ")") + " at " + javaHome + ", " + javaSource;
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
          + " (" + javaSource + "): name a JDK 17 with --jpf-java DIR or " + JAVA_ENV + "=DIR, or run pinmc on a JDK 17");
    }
  }

  /**
   * The feature release (17, 25, ...) of the JDK at {@code javaHome}, from its {@code release}
   * file, or this JVM's when that is the one asked about; -1 if unknown.
   */
  static int jdkFeature(Path javaHome) {
    Properties p = release(javaHome);
    if (p.containsKey("JAVA_VERSION")) {
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

  /** The full version (17.0.15) from the JDK's release file, if it parses. */
  private static Optional<Runtime.Version> jdkVersion(Path javaHome) {
    try {
      return Optional.of(Runtime.Version.parse(release(javaHome).getProperty("JAVA_VERSION", "").replace("\"", "").trim()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The JDK's {@code release} file (empty if it has none or it cannot be read). */
  private static Properties release(Path javaHome) {
    Properties p = new Properties();
    Path release = javaHome.resolve("release");
    if (Files.isRegularFile(release)) {
      try (InputStream in = Files.newInputStream(release)) {
        p.load(in);
      } catch (IOException e) {
        p.clear();
      }
    }
    return p;
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }
}
