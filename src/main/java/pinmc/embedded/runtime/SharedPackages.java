package pinmc.embedded.runtime;

import java.util.HashSet;
import java.util.Set;

/**
 * Which classes the engine shares with the model uninstrumented: the JDK and pinmc's own
 * runtime, each decided by exact package. Everything else a model reaches (its own classes,
 * pinmc's kernel library, any library on its class path, whatever its package is called) is
 * model code and is instrumented: a prefix such as {@code com.google.} would leave a model in
 * {@code com.google.foo} running uncontrolled.
 */
public final class SharedPackages {
  private SharedPackages() {}

  /** The packages of pinmc's engine, API and tools; not pinmc.kernel nor the models, which are model code. */
  private static final Set<String> PINMC_RUNTIME = Set.of(
      "pinmc.api", "pinmc.api.spi",
      "pinmc.embedded", "pinmc.embedded.runtime", "pinmc.embedded.runtime.juc", "pinmc.embedded.search",
      "pinmc.embedded.instrument",
      "pinmc.check", "pinmc.cli", "pinmc.report", "pinmc.props", "pinmc.jpf", "pinmc.junit", "pinmc.matrix",
      "pinmc.gate", "pinmc.bench");

  /**
   * Every package of the JDK modules this JVM resolved at boot: all that export an API, which
   * is all model code can link to. (Reading every module of the image as well costs three
   * times as long at the first check and adds only tools' internals.)
   */
  private static final Set<String> JDK = jdkPackages();

  private static Set<String> jdkPackages() {
    Set<String> packages = new HashSet<>();
    for (Module m : ModuleLayer.boot().modules()) {
      packages.addAll(m.getPackages());
    }
    return Set.copyOf(packages);
  }

  /** The package of a binary ({@code a.b.C$D}) or internal ({@code a/b/C$D}) class name. */
  static String packageOf(String className) {
    int dot = Math.max(className.lastIndexOf('.'), className.lastIndexOf('/'));
    return dot < 0 ? "" : className.substring(0, dot).replace('/', '.');
  }

  /** Whether a class (binary or internal name) comes from the engine's loader uninstrumented. */
  public static boolean isShared(String className) {
    String p = packageOf(className);
    return JDK.contains(p) || PINMC_RUNTIME.contains(p);
  }

  /** Whether a class (binary or internal name) is part of the JDK. */
  public static boolean isJdk(String className) {
    return JDK.contains(packageOf(className));
  }
}
