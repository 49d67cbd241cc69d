package pinmc.jpf;

import java.nio.file.Path;
import java.util.Map;

/**
 * The jpf engine for tests that run only when {@code JPF_HOME} names a built jpf-core (and a JDK
 * 17 is found to run it): the engine, or the reason a test skips. The runtime classes are cached in
 * {@code target/jpf-cache}.
 */
public final class JpfFromEnvironment {
  private static JpfEngine engine;
  private static String unavailable;

  static {
    String home = System.getenv("JPF_HOME");
    if (home == null || home.isBlank()) {
      unavailable = "JPF_HOME is not set: the jpf engine tests need a built jpf-core";
    } else {
      try {
        // On a JDK newer than 17 the tests run JPF on a JDK 17 found as the CLI finds one.
        Path java = JpfInstallation.chooseJdk(null, System.getenv(), Path.of(System.getProperty("java.home"))).home();
        JpfInstallation installation = JpfInstallation.locate(home, Map.of(), Path.of(System.getProperty("user.home")), java);
        engine = new JpfEngine(installation, new RuntimeCompiler(Path.of("target", "jpf-cache")));
      } catch (JpfSetupException e) {
        unavailable = "JPF_HOME=" + home + " cannot be used: " + e.getMessage();
      }
    }
  }

  private JpfFromEnvironment() {}

  /** The engine on {@code JPF_HOME}'s jpf-core, or null. */
  public static JpfEngine engine() {
    return engine;
  }

  /** Why {@link #engine()} is null. */
  public static String unavailable() {
    return unavailable;
  }
}
