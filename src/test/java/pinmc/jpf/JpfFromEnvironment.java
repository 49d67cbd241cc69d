package pinmc.jpf;

import java.nio.file.Path;
import java.util.Map;

/**
 * The jpf engine for tests that run only when {@code JPF_HOME} names a built jpf-core (and pinmc
 * runs on JDK 17): the engine, or the reason a test skips. The runtime classes are cached in
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
        JpfInstallation installation = JpfInstallation.locate(home, Map.of(), Path.of(System.getProperty("user.home")),
            Path.of(System.getProperty("java.home")));
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
