package pinmc.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import pinmc.check.Engine;
import pinmc.check.EngineRegistry;
import pinmc.check.EngineUnavailableException;
import pinmc.jpf.JpfInstallation;
import picocli.CommandLine.Option;

/** {@code --engine}: which model checker runs the search. */
final class EngineOption {
  @Option(names = "--engine", paramLabel = "embedded|jpf", defaultValue = EngineRegistry.DEFAULT,
      description = "The model checker: embedded (pinmc's own, the default) or jpf (Java PathFinder, if installed).")
  String name;

  @Option(names = "--jpf-home", paramLabel = "DIR",
      description = "The jpf-core directory for --engine jpf (default: JPF_HOME, then jpf-core in ~/.jpf/site.properties).")
  Path jpfHome;

  @Option(names = "--jpf-java", paramLabel = "JDK",
      description = "The JDK 17 that runs Java PathFinder's JVM (default: JPF_JAVA_HOME, then the JDK running pinmc if it "
          + "is a JDK 17, then a JDK 17 in the same directory as that one).")
  Path jpfJava;

  Engine engine() throws InputException {
    Map<String, Path> settings = new LinkedHashMap<>();
    if (jpfHome != null) {
      settings.put(JpfInstallation.HOME_PROPERTY, jpfHome);
    }
    if (jpfJava != null) {
      settings.put(JpfInstallation.JAVA_PROPERTY, jpfJava);
    }
    // The jpf engine is created by name, with no arguments, and reads these properties first;
    // they are set only while the engine is created, so that they do not outlive this command.
    Map<String, String> before = new LinkedHashMap<>();
    settings.forEach((key, dir) -> before.put(key, System.setProperty(key, dir.toAbsolutePath().toString())));
    try {
      return engine(name);
    } finally {
      before.forEach((key, old) -> {
        if (old == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, old);
        }
      });
    }
  }

  static Engine engine(String name) throws InputException {
    try {
      return EngineRegistry.get(name);
    } catch (EngineUnavailableException e) {
      throw new InputException(e.getMessage(), e);
    }
  }
}
