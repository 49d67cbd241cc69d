package pinmc.cli;

import java.nio.file.Path;
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

  Engine engine() throws InputException {
    if (jpfHome == null) {
      return engine(name);
    }
    // The jpf engine is created by name, with no arguments, and reads this property first; it
    // is set only while the engine is created, so that it does not outlive this command.
    String before = System.setProperty(JpfInstallation.HOME_PROPERTY, jpfHome.toAbsolutePath().toString());
    try {
      return engine(name);
    } finally {
      if (before == null) {
        System.clearProperty(JpfInstallation.HOME_PROPERTY);
      } else {
        System.setProperty(JpfInstallation.HOME_PROPERTY, before);
      }
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
